/**
 * `ChatMember` and `ChatMemberUpdated`, shaped like the Bot API's, from TL channel and basic
 * group participants.
 *
 * @module
 */
import type {
  RawUpdateChannelParticipant,
  RawUpdateChatParticipant,
  TypeChannelParticipant,
  TypeChatAdminRights,
  TypeChatBannedRights,
  TypeChatParticipant,
} from "../../tl/mod.ts";
import { markPeerId } from "../../storage/peer_record.ts";
import type { Chat } from "./chat.ts";
import type { PeerMap } from "./peer_map.ts";
import type { User } from "./user.ts";

/** What an administrator may do (the Bot API's names for TL `chatAdminRights`). */
export interface ChatAdministratorRights {
  /** Whether their actions are anonymous. */
  is_anonymous: boolean;
  /** Event log, statistics, members list… (`other`). */
  can_manage_chat: boolean;
  /** Delete others' messages. */
  can_delete_messages: boolean;
  /** Manage video chats. */
  can_manage_video_chats: boolean;
  /** Ban and restrict members. */
  can_restrict_members: boolean;
  /** Add administrators. */
  can_promote_members: boolean;
  /** Change the title, photo and other settings. */
  can_change_info: boolean;
  /** Invite users. */
  can_invite_users: boolean;
  /** Post in a channel. */
  can_post_messages: boolean;
  /** Edit others' posts in a channel. */
  can_edit_messages: boolean;
  /** Pin messages. */
  can_pin_messages: boolean;
  /** Manage forum topics. */
  can_manage_topics: boolean;
}

/** What a restricted member may still do (the Bot API's names for TL `chatBannedRights`). */
export interface ChatPermissions {
  /** Send text messages. */
  can_send_messages: boolean;
  /** Send audio files. */
  can_send_audios: boolean;
  /** Send documents. */
  can_send_documents: boolean;
  /** Send photos. */
  can_send_photos: boolean;
  /** Send videos. */
  can_send_videos: boolean;
  /** Send video notes. */
  can_send_video_notes: boolean;
  /** Send voice notes. */
  can_send_voice_notes: boolean;
  /** Send polls. */
  can_send_polls: boolean;
  /** Send stickers, GIFs, games and inline results. */
  can_send_other_messages: boolean;
  /** Add link previews. */
  can_add_web_page_previews: boolean;
  /** Change the title, photo and other settings. */
  can_change_info: boolean;
  /** Invite users. */
  can_invite_users: boolean;
  /** Pin messages. */
  can_pin_messages: boolean;
  /** Manage forum topics. */
  can_manage_topics: boolean;
}

/** A chat's owner. */
export interface ChatMemberOwner {
  /** Always `"creator"`. */
  status: "creator";
  /** The member. */
  user: User;
  /** Whether the owner is anonymous. */
  is_anonymous: boolean;
  /** Their custom title. */
  custom_title?: string;
}

/** An administrator. */
export interface ChatMemberAdministrator extends ChatAdministratorRights {
  /** Always `"administrator"`. */
  status: "administrator";
  /** The member. */
  user: User;
  /** Whether the logged-in account may edit their rights. */
  can_be_edited: boolean;
  /** Their custom title. */
  custom_title?: string;
}

/** A member without special rights or restrictions. */
export interface ChatMemberMember {
  /** Always `"member"`. */
  status: "member";
  /** The member. */
  user: User;
  /** When a paid subscription ends (Unix seconds). */
  until_date?: number;
}

/** A member under restrictions. */
export interface ChatMemberRestricted extends ChatPermissions {
  /** Always `"restricted"`. */
  status: "restricted";
  /** The member. */
  user: User;
  /** Whether they are still in the chat. */
  is_member: boolean;
  /** When the restrictions end (Unix seconds; 0 for never). */
  until_date: number;
}

/** Someone who is not (or no longer) a member. */
export interface ChatMemberLeft {
  /** Always `"left"`. */
  status: "left";
  /** The user. */
  user: User;
}

/** Someone banned from the chat. */
export interface ChatMemberBanned {
  /** Always `"kicked"`. */
  status: "kicked";
  /** The user. */
  user: User;
  /** When the ban ends (Unix seconds; 0 for never). */
  until_date: number;
}

/** One member of a chat, by status. */
export type ChatMember =
  | ChatMemberOwner
  | ChatMemberAdministrator
  | ChatMemberMember
  | ChatMemberRestricted
  | ChatMemberLeft
  | ChatMemberBanned;

/** A change of a member's status. */
export interface ChatMemberUpdated {
  /** The chat. */
  chat: Chat;
  /** Who made the change. */
  from: User;
  /** When (Unix seconds). */
  date: number;
  /** The status before. */
  old_chat_member: ChatMember;
  /** The status after. */
  new_chat_member: ChatMember;
  /** Set when the user joined through a chat folder link. */
  via_chat_folder_invite_link?: true;
}

/** The Bot API form of TL admin rights. */
export function adminRightsFromTl(
  rights: TypeChatAdminRights,
): ChatAdministratorRights {
  return {
    is_anonymous: rights.anonymous === true,
    can_manage_chat: rights.other === true,
    can_delete_messages: rights.delete_messages === true,
    can_manage_video_chats: rights.manage_call === true,
    can_restrict_members: rights.ban_users === true,
    can_promote_members: rights.add_admins === true,
    can_change_info: rights.change_info === true,
    can_invite_users: rights.invite_users === true,
    can_post_messages: rights.post_messages === true,
    can_edit_messages: rights.edit_messages === true,
    can_pin_messages: rights.pin_messages === true,
    can_manage_topics: rights.manage_topics === true,
  };
}

/** The Bot API form of TL banned rights (each `can_…` is the negation of a ban). */
export function permissionsFromTl(
  rights: TypeChatBannedRights,
): ChatPermissions {
  return {
    can_send_messages: !rights.send_messages && !rights.send_plain,
    can_send_audios: !rights.send_media && !rights.send_audios,
    can_send_documents: !rights.send_media && !rights.send_docs,
    can_send_photos: !rights.send_media && !rights.send_photos,
    can_send_videos: !rights.send_media && !rights.send_videos,
    can_send_video_notes: !rights.send_media && !rights.send_roundvideos,
    can_send_voice_notes: !rights.send_media && !rights.send_voices,
    can_send_polls: !rights.send_polls,
    can_send_other_messages: !rights.send_stickers && !rights.send_gifs &&
      !rights.send_games && !rights.send_inline,
    can_add_web_page_previews: !rights.embed_links,
    can_change_info: !rights.change_info,
    can_invite_users: !rights.invite_users,
    can_pin_messages: !rights.pin_messages,
    can_manage_topics: !rights.manage_topics,
  };
}

/** The Bot API form of a supergroup's or channel's TL participant. */
export function chatMemberFromChannelParticipant(
  participant: TypeChannelParticipant,
  peers: PeerMap,
): ChatMember {
  switch (participant._) {
    case "channelParticipantCreator": {
      const member: ChatMemberOwner = {
        status: "creator",
        user: peers.botApiUser(participant.user_id),
        is_anonymous: participant.admin_rights.anonymous === true,
      };
      if (participant.rank !== undefined) {
        member.custom_title = participant.rank;
      }
      return member;
    }
    case "channelParticipantAdmin": {
      const member: ChatMemberAdministrator = {
        status: "administrator",
        user: peers.botApiUser(participant.user_id),
        can_be_edited: participant.can_edit === true,
        ...adminRightsFromTl(participant.admin_rights),
      };
      if (participant.rank !== undefined) {
        member.custom_title = participant.rank;
      }
      return member;
    }
    case "channelParticipant":
    case "channelParticipantSelf": {
      const member: ChatMemberMember = {
        status: "member",
        user: peers.botApiUser(participant.user_id),
      };
      if (participant.subscription_until_date !== undefined) {
        member.until_date = participant.subscription_until_date;
      }
      return member;
    }
    case "channelParticipantBanned": {
      const peer = participant.peer;
      const user = peer._ === "peerUser"
        ? peers.botApiUser(peer.user_id)
        : { id: peers.botApiChat(peer).id, is_bot: false, first_name: "" };
      const rights = participant.banned_rights;
      if (rights.view_messages) {
        return { status: "kicked", user, until_date: rights.until_date };
      }
      return {
        status: "restricted",
        user,
        is_member: participant.left !== true,
        until_date: rights.until_date,
        ...permissionsFromTl(rights),
      };
    }
    case "channelParticipantLeft": {
      const peer = participant.peer;
      const user = peer._ === "peerUser"
        ? peers.botApiUser(peer.user_id)
        : { id: peers.botApiChat(peer).id, is_bot: false, first_name: "" };
      return { status: "left", user };
    }
  }
}

/** The Bot API form of a basic group's TL participant. */
export function chatMemberFromChatParticipant(
  participant: TypeChatParticipant,
  peers: PeerMap,
): ChatMember {
  const user = peers.botApiUser(participant.user_id);
  switch (participant._) {
    case "chatParticipantCreator": {
      const member: ChatMemberOwner = {
        status: "creator",
        user,
        is_anonymous: false,
      };
      if (participant.rank !== undefined) {
        member.custom_title = participant.rank;
      }
      return member;
    }
    case "chatParticipantAdmin": {
      // Basic group admins hold every right but adding admins and staying anonymous.
      const member: ChatMemberAdministrator = {
        status: "administrator",
        user,
        can_be_edited: false,
        is_anonymous: false,
        can_manage_chat: true,
        can_delete_messages: true,
        can_manage_video_chats: true,
        can_restrict_members: true,
        can_promote_members: false,
        can_change_info: true,
        can_invite_users: true,
        can_post_messages: false,
        can_edit_messages: false,
        can_pin_messages: true,
        can_manage_topics: false,
      };
      if (participant.rank !== undefined) {
        member.custom_title = participant.rank;
      }
      return member;
    }
    case "chatParticipant":
      return { status: "member", user };
  }
}

/** The Bot API form of a TL participant-change update. */
export function chatMemberUpdatedFromTl(
  update: RawUpdateChannelParticipant | RawUpdateChatParticipant,
  peers: PeerMap,
): ChatMemberUpdated {
  const user = peers.botApiUser(update.user_id);
  const left: ChatMemberLeft = { status: "left", user };
  let chat: Chat;
  let before: ChatMember = left;
  let after: ChatMember = left;
  if (update._ === "updateChannelParticipant") {
    chat = peers.botApiChat({
      _: "peerChannel",
      channel_id: update.channel_id,
    });
    if (update.prev_participant) {
      before = chatMemberFromChannelParticipant(update.prev_participant, peers);
    }
    if (update.new_participant) {
      after = chatMemberFromChannelParticipant(update.new_participant, peers);
    }
  } else {
    const known = peers.chat(update.chat_id);
    chat = known
      ? peers.botApiChat({ _: "peerChat", chat_id: update.chat_id })
      : { id: Number(markPeerId("group", update.chat_id)), type: "group" };
    if (update.prev_participant) {
      before = chatMemberFromChatParticipant(update.prev_participant, peers);
    }
    if (update.new_participant) {
      after = chatMemberFromChatParticipant(update.new_participant, peers);
    }
  }
  const result: ChatMemberUpdated = {
    chat,
    from: peers.botApiUser(update.actor_id),
    date: update.date,
    old_chat_member: before,
    new_chat_member: after,
  };
  if (update._ === "updateChannelParticipant" && update.via_chatlist) {
    result.via_chat_folder_invite_link = true;
  }
  return result;
}
