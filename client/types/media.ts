/**
 * Media summaries shaped like the Bot API's, from TL `MessageMedia`.
 *
 * They say what a message carries (a photo and its sizes, a document's name and type, a
 * contact, a location, a poll's question…) and the TL ids of files, as decimal strings; they
 * are not Bot API `file_id`s, which Sparrow does not implement. The TL media itself is always
 * on the raw message.
 *
 * @module
 */
import type {
  TypeDocument,
  TypeGeoPoint,
  TypeMessageMedia,
  TypePhoto,
  TypePhotoSize,
} from "../../tl/mod.ts";

/** One size of a photo. */
export interface PhotoSize {
  /** The TL photo id, in decimal (the same for every size of a photo). */
  file_unique_id: string;
  /** The size's TL type letter (`s`, `m`, `x`, `y`, `w`, …). */
  size_type: string;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Size in bytes, when known. */
  file_size?: number;
}

/** What Telegram tells about a file held in a document. */
export interface FileSummary {
  /** The TL document id, in decimal. */
  file_unique_id: string;
  /** The file's name, when it has one. */
  file_name?: string;
  /** MIME type. */
  mime_type?: string;
  /** Size in bytes. */
  file_size?: number;
}

/** A video, an animation or a round video note. */
export interface VideoSummary extends FileSummary {
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** Duration in seconds. */
  duration: number;
}

/** An audio file or a voice note. */
export interface AudioSummary extends FileSummary {
  /** Duration in seconds. */
  duration: number;
  /** Performer, for music. */
  performer?: string;
  /** Title, for music. */
  title?: string;
}

/** A sticker. */
export interface StickerSummary extends FileSummary {
  /** The emoji the sticker stands for. */
  emoji?: string;
  /** Width in pixels, when known. */
  width?: number;
  /** Height in pixels, when known. */
  height?: number;
}

/** A point on the map. */
export interface Location {
  /** Latitude. */
  latitude: number;
  /** Longitude. */
  longitude: number;
  /** Accuracy radius in meters, when known. */
  horizontal_accuracy?: number;
  /** For live locations: how long it is updated, in seconds. */
  live_period?: number;
}

/** A venue. */
export interface Venue {
  /** Where it is. */
  location: Location;
  /** Its name. */
  title: string;
  /** Its address. */
  address: string;
  /** The provider's venue id (`foursquare`, `gplaces`…). */
  provider?: string;
}

/** A phone contact. */
export interface Contact {
  /** Phone number. */
  phone_number: string;
  /** First name. */
  first_name: string;
  /** Last name. */
  last_name?: string;
  /** The contact's Telegram user id, when they have an account. */
  user_id?: number;
  /** vCard data. */
  vcard?: string;
}

/** A poll's question and options (results are not summarised). */
export interface Poll {
  /** The TL poll id, in decimal. */
  id: string;
  /** The question. */
  question: string;
  /** The options' texts. */
  options: { text: string }[];
  /** Whether the poll is closed. */
  is_closed: boolean;
  /** Whether voters are visible. */
  is_anonymous: boolean;
  /** `"quiz"` or `"regular"`. */
  type: "quiz" | "regular";
  /** Whether several answers may be chosen. */
  allows_multiple_answers: boolean;
}

/** A dice (or other animated emoji) with a random value. */
export interface Dice {
  /** The emoji (🎲, 🎯, 🏀, ⚽, 🎳, 🎰). */
  emoji: string;
  /** The value rolled. */
  value: number;
}

/** The fields of a message that describe its media; at most one is set (sizes aside). */
export interface MediaSummary {
  /** A photo, smallest size first. */
  photo?: PhotoSize[];
  /** A general file. */
  document?: FileSummary;
  /** A video. */
  video?: VideoSummary;
  /** An animation (GIF or silent H.264 video). */
  animation?: VideoSummary;
  /** A round video note. */
  video_note?: VideoSummary;
  /** Music or another audio file. */
  audio?: AudioSummary;
  /** A voice note. */
  voice?: AudioSummary;
  /** A sticker. */
  sticker?: StickerSummary;
  /** A phone contact. */
  contact?: Contact;
  /** A location. */
  location?: Location;
  /** A venue. */
  venue?: Venue;
  /** A poll. */
  poll?: Poll;
  /** A dice. */
  dice?: Dice;
  /** A game's short name… as its title (games are not summarised further). */
  game?: { title: string };
  /** The TL constructor of media this summary does not describe (`messageMediaStory`, …). */
  other_media?: string;
}

function photoSizes(photo: TypePhoto | undefined): PhotoSize[] | undefined {
  if (photo?._ !== "photo") return undefined;
  const id = photo.id.toString();
  const sizes: PhotoSize[] = [];
  for (const size of photo.sizes as TypePhotoSize[]) {
    switch (size._) {
      case "photoSize":
        sizes.push({
          file_unique_id: id,
          size_type: size.type,
          width: size.w,
          height: size.h,
          file_size: size.size,
        });
        break;
      case "photoCachedSize":
        sizes.push({
          file_unique_id: id,
          size_type: size.type,
          width: size.w,
          height: size.h,
          file_size: size.bytes.length,
        });
        break;
      case "photoSizeProgressive":
        sizes.push({
          file_unique_id: id,
          size_type: size.type,
          width: size.w,
          height: size.h,
          file_size: size.sizes.length > 0
            ? Math.max(...size.sizes)
            : undefined,
        });
        break;
    }
  }
  return sizes.sort((a, b) => a.width * a.height - b.width * b.height);
}

function location(geo: TypeGeoPoint): Location | undefined {
  if (geo._ !== "geoPoint") return undefined;
  const result: Location = { latitude: geo.lat, longitude: geo.long };
  if (geo.accuracy_radius !== undefined) {
    result.horizontal_accuracy = geo.accuracy_radius;
  }
  return result;
}

function documentSummary(
  document: TypeDocument | undefined,
  media: { voice?: true; round?: true; video?: true },
): MediaSummary {
  if (document?._ !== "document") return { other_media: "documentEmpty" };
  const file: FileSummary = {
    file_unique_id: document.id.toString(),
    mime_type: document.mime_type,
    file_size: Number(document.size),
  };
  let video:
    | { w: number; h: number; duration: number; round?: true }
    | undefined;
  let audio: {
    duration: number;
    title?: string;
    performer?: string;
    voice?: true;
  } | undefined;
  let image: { w: number; h: number } | undefined;
  let sticker: string | undefined;
  let animated = false;
  for (const attribute of document.attributes) {
    switch (attribute._) {
      case "documentAttributeFilename":
        file.file_name = attribute.file_name;
        break;
      case "documentAttributeVideo":
        video = {
          w: attribute.w,
          h: attribute.h,
          duration: Math.round(attribute.duration),
          round: attribute.round_message,
        };
        break;
      case "documentAttributeAudio":
        audio = attribute;
        break;
      case "documentAttributeImageSize":
        image = { w: attribute.w, h: attribute.h };
        break;
      case "documentAttributeSticker":
        sticker = attribute.alt;
        break;
      case "documentAttributeAnimated":
        animated = true;
        break;
    }
  }
  if (sticker !== undefined) {
    const result: StickerSummary = { ...file, emoji: sticker };
    const size = image ?? video;
    if (size) {
      result.width = size.w;
      result.height = size.h;
    }
    return { sticker: result };
  }
  if (video !== undefined) {
    const summary: VideoSummary = {
      ...file,
      width: video.w,
      height: video.h,
      duration: video.duration,
    };
    if (media.round || video.round) return { video_note: summary };
    if (animated) return { animation: summary };
    return { video: summary };
  }
  if (animated) {
    return {
      animation: {
        ...file,
        width: image?.w ?? 0,
        height: image?.h ?? 0,
        duration: 0,
      },
    };
  }
  if (audio !== undefined) {
    const summary: AudioSummary = { ...file, duration: audio.duration };
    if (audio.title !== undefined) summary.title = audio.title;
    if (audio.performer !== undefined) summary.performer = audio.performer;
    return media.voice || audio.voice ? { voice: summary } : { audio: summary };
  }
  return { document: file };
}

/** The Bot-API-style summary of a message's TL media (`{}` for none or a web page preview). */
export function mediaSummaryFromTl(
  media: TypeMessageMedia | undefined,
): MediaSummary {
  if (media === undefined) return {};
  switch (media._) {
    case "messageMediaEmpty":
    case "messageMediaWebPage":
      return {};
    case "messageMediaPhoto": {
      const photo = photoSizes(media.photo);
      return photo ? { photo } : { other_media: "photoEmpty" };
    }
    case "messageMediaDocument":
      return documentSummary(media.document, media);
    case "messageMediaContact": {
      const contact: Contact = {
        phone_number: media.phone_number,
        first_name: media.first_name,
      };
      if (media.last_name) contact.last_name = media.last_name;
      if (media.user_id !== 0n) contact.user_id = Number(media.user_id);
      if (media.vcard) contact.vcard = media.vcard;
      return { contact };
    }
    case "messageMediaGeo": {
      const point = location(media.geo);
      return point ? { location: point } : { other_media: media._ };
    }
    case "messageMediaGeoLive": {
      const point = location(media.geo);
      return point
        ? { location: { ...point, live_period: media.period } }
        : { other_media: media._ };
    }
    case "messageMediaVenue": {
      const point = location(media.geo);
      if (!point) return { other_media: media._ };
      const venue: Venue = {
        location: point,
        title: media.title,
        address: media.address,
      };
      if (media.provider) venue.provider = media.provider;
      return { venue, location: point };
    }
    case "messageMediaPoll": {
      const poll = media.poll;
      return {
        poll: {
          id: poll.id.toString(),
          question: poll.question.text,
          options: poll.answers.map((answer) => ({ text: answer.text.text })),
          is_closed: poll.closed === true,
          is_anonymous: poll.public_voters !== true,
          type: poll.quiz ? "quiz" : "regular",
          allows_multiple_answers: poll.multiple_choice === true,
        },
      };
    }
    case "messageMediaDice":
      return { dice: { emoji: media.emoticon, value: media.value } };
    case "messageMediaGame":
      return { game: { title: media.game.title } };
    default:
      return { other_media: media._ };
  }
}
