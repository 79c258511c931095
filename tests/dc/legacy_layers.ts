/**
 * Older layers, as far as the test DC speaks them. Telegram answers each
 * client in the layer it declared with `invokeWithLayer`; this DC's schema is
 * one layer ({@link SERVER_LAYER}), so a client on an older layer (GramJS
 * 2.26 is on 198, mtcute 0.30 on 227) could not read a `user` the DC sends.
 * This module keeps the older forms of the constructors and methods the DC's
 * handlers use whose ids changed since, and rewrites what goes to such a
 * client: each object whose constructor has an older form is written in the
 * oldest form that the client's layer still has (fields the old form lacks
 * are dropped; a value whose type changed is left out when optional).
 * Constructors without an entry are sent as they are: the table covers what
 * the interop tests exchange, not every layer of Telegram's history.
 *
 * The forms are rows of Telegram's TL schema for those layers, in the
 * compact notation of `tl/schema_table.ts`; they are registered under
 * private names (`user@198`), so the DC's encoder writes them, while the
 * library's decoder (which looks constructors up by id) never sees them. A request with an older method id whose newer form
 * only added optional fields gets the current id, so it reaches the same
 * handler.
 *
 * @module
 */

import { TLReader } from "../../tl/mod.ts";
import {
  type Combinator,
  constructorByName,
  type Field,
  fieldsOf,
  functionByName,
  Op,
  registerConstructorAlias,
  type TypeCode,
} from "../../tl/schema_index.ts";
import { SERVER_LAYER } from "./rpc.ts";

/** An older form: used for client layers up to `upTo`. */
interface LegacyForm {
  upTo: number;
  combinator: Combinator;
}

/**
 * Older constructor forms: `[last layer with this form, row]`. Between two
 * known points the nearest newer known form is used (an approximation for
 * layers no test client is on).
 */
const CONSTRUCTOR_ROWS: [number, string][] = [
  [
    227,
    "31774388 user User flags:# self:10?t contact:11?t mutual_contact:12?t deleted:13?t bot:14?t bot_chat_history:15?t bot_nochats:16?t verified:17?t restricted:18?t min:20?t bot_inline_geo:21?t support:23?t scam:24?t apply_min_photo:25?t fake:26?t bot_attach_menu:27?t premium:28?t attach_menu_enabled:29?t flags2:# bot_can_edit:1^t close_friend:2^t stories_hidden:3^t stories_unavailable:4^t contact_require_premium:10^t bot_business:11^t bot_has_main_app:13^t bot_forum_view:16^t bot_forum_can_manage_topics:17^t bot_can_manage_bots:18^t bot_guestchat:19^t bot_guard:20^t id:l access_hash:0?l first_name:1?s last_name:2?s username:3?s phone:4?s photo:5?UserProfilePhoto status:6?UserStatus bot_info_version:14?i restriction_reason:18?*RestrictionReason bot_inline_placeholder:19?s lang_code:22?s emoji_status:30?EmojiStatus usernames:0^*Username stories_max_id:5^RecentStory color:8^PeerColor profile_color:9^PeerColor bot_active_users:12^i bot_verification_icon:14^l send_paid_messages_stars:15^l",
  ],
  [
    227,
    "1c32b11c channel Chat flags:# creator:0?t left:2?t broadcast:5?t verified:7?t megagroup:8?t restricted:9?t signatures:11?t min:12?t scam:19?t has_link:20?t has_geo:21?t slowmode_enabled:22?t call_active:23?t call_not_empty:24?t fake:25?t gigagroup:26?t noforwards:27?t join_to_send:28?t join_request:29?t forum:30?t flags2:# stories_hidden:1^t stories_hidden_min:2^t stories_unavailable:3^t signature_profiles:12^t autotranslation:15^t broadcast_messages_allowed:16^t monoforum:17^t forum_tabs:19^t id:l access_hash:13?l title:s username:6?s photo:ChatPhoto date:i restriction_reason:9?*RestrictionReason admin_rights:14?ChatAdminRights banned_rights:15?ChatBannedRights default_banned_rights:18?ChatBannedRights participants_count:17?i usernames:0^*Username stories_max_id:4^RecentStory color:7^PeerColor profile_color:8^PeerColor emoji_status:9^EmojiStatus level:10^i subscription_until_date:11^i bot_verification_icon:13^l send_paid_messages_stars:14^l linked_monoforum_id:18^l",
  ],
  [227, "c27ac8c7 botCommand BotCommand command:s description:s"],
  [
    198,
    "4b46c37e user User flags:# self:10?t contact:11?t mutual_contact:12?t deleted:13?t bot:14?t bot_chat_history:15?t bot_nochats:16?t verified:17?t restricted:18?t min:20?t bot_inline_geo:21?t support:23?t scam:24?t apply_min_photo:25?t fake:26?t bot_attach_menu:27?t premium:28?t attach_menu_enabled:29?t flags2:# bot_can_edit:1^t close_friend:2^t stories_hidden:3^t stories_unavailable:4^t contact_require_premium:10^t bot_business:11^t bot_has_main_app:13^t id:l access_hash:0?l first_name:1?s last_name:2?s username:3?s phone:4?s photo:5?UserProfilePhoto status:6?UserStatus bot_info_version:14?i restriction_reason:18?*RestrictionReason bot_inline_placeholder:19?s lang_code:22?s emoji_status:30?EmojiStatus usernames:0^*Username stories_max_id:5^i color:8^PeerColor profile_color:9^PeerColor bot_active_users:12^i bot_verification_icon:14^l",
  ],
  [
    198,
    "e00998b7 channel Chat flags:# creator:0?t left:2?t broadcast:5?t verified:7?t megagroup:8?t restricted:9?t signatures:11?t min:12?t scam:19?t has_link:20?t has_geo:21?t slowmode_enabled:22?t call_active:23?t call_not_empty:24?t fake:25?t gigagroup:26?t noforwards:27?t join_to_send:28?t join_request:29?t forum:30?t flags2:# stories_hidden:1^t stories_hidden_min:2^t stories_unavailable:3^t signature_profiles:12^t id:l access_hash:13?l title:s username:6?s photo:ChatPhoto date:i restriction_reason:9?*RestrictionReason admin_rights:14?ChatAdminRights banned_rights:15?ChatBannedRights default_banned_rights:18?ChatBannedRights participants_count:17?i usernames:0^*Username stories_max_id:4^i color:7^PeerColor profile_color:8^PeerColor emoji_status:9^EmojiStatus level:10^i subscription_until_date:11^i bot_verification_icon:13^l",
  ],
  [
    198,
    "96fdbbe9 message Message flags:# out:1?t mentioned:4?t media_unread:5?t silent:13?t post:14?t from_scheduled:18?t legacy:19?t edit_hide:21?t pinned:24?t noforwards:26?t invert_media:27?t flags2:# offline:1^t video_processing_pending:4^t id:i from_id:8?Peer from_boosts_applied:29?i peer_id:Peer saved_peer_id:28?Peer fwd_from:2?MessageFwdHeader via_bot_id:11?l via_business_bot_id:0^l reply_to:3?MessageReplyHeader date:i message:s media:9?MessageMedia reply_markup:6?ReplyMarkup entities:7?*MessageEntity views:10?i forwards:10?i replies:23?MessageReplies edit_date:15?i post_author:16?s grouped_id:17?l reactions:20?MessageReactions restriction_reason:22?*RestrictionReason ttl_period:25?i quick_reply_shortcut_id:30?i effect:2^l factcheck:3^FactCheck report_delivery_until_date:5^i",
  ],
  [
    198,
    "afbc09db messageReplyHeader MessageReplyHeader flags:# reply_to_scheduled:2?t forum_topic:3?t quote:9?t reply_to_msg_id:4?i reply_to_peer_id:0?Peer reply_from:5?MessageFwdHeader reply_media:8?MessageMedia reply_to_top_id:1?i quote_text:6?s quote_entities:7?*MessageEntity quote_offset:10?i",
  ],
  // Keyboard buttons before `style` (KeyboardButtonStyle) was added.
  [198, "a2fa4880 keyboardButton KeyboardButton text:s"],
  [198, "258aff05 keyboardButtonUrl KeyboardButton text:s url:s"],
  [
    198,
    "35bbdb6b keyboardButtonCallback KeyboardButton flags:# requires_password:0?t text:s data:b",
  ],
  [198, "b16a6c29 keyboardButtonRequestPhone KeyboardButton text:s"],
  [198, "fc796b3f keyboardButtonRequestGeoLocation KeyboardButton text:s"],
  [
    198,
    "93b9fbb5 keyboardButtonSwitchInline KeyboardButton flags:# same_peer:0?t text:s query:s peer_types:1?*InlineQueryPeerType",
  ],
  [198, "50f41ccf keyboardButtonGame KeyboardButton text:s"],
  [198, "afd93fbb keyboardButtonBuy KeyboardButton text:s"],
  [
    198,
    "10b78d29 keyboardButtonUrlAuth KeyboardButton flags:# text:s fwd_text:0?s url:s button_id:i",
  ],
  [
    198,
    "bbc7515d keyboardButtonRequestPoll KeyboardButton flags:# quiz:0?B text:s",
  ],
  [198, "308660c1 keyboardButtonUserProfile KeyboardButton text:s user_id:l"],
  [198, "13767230 keyboardButtonWebView KeyboardButton text:s url:s"],
  [198, "a0c0505c keyboardButtonSimpleWebView KeyboardButton text:s url:s"],
  [
    198,
    "53d7bfd8 keyboardButtonRequestPeer KeyboardButton text:s button_id:i peer_type:RequestPeerType max_quantity:i",
  ],
  [198, "75d2698e keyboardButtonCopy KeyboardButton text:s copy_text:s"],
  // Objects of chats, dialogs and history as layer 198 has them (from its schema).
  [
    198,
    "d58a08c6 dialog Dialog flags:# pinned:2?t unread_mark:3?t view_forum_as_messages:6?t peer:Peer top_message:i read_inbox_max_id:i read_outbox_max_id:i unread_count:i unread_mentions_count:i unread_reactions_count:i notify_settings:PeerNotifySettings pts:0?i draft:1?DraftMessage folder_id:4?i ttl_period:5?i",
  ],
  [
    198,
    "8c718e87 messages.messages messages.Messages messages:*Message chats:*Chat users:*User",
  ],
  [
    198,
    "3a54685e messages.messagesSlice messages.Messages flags:# inexact:1?t count:i next_rate:0?i offset_id_offset:2?i messages:*Message chats:*Chat users:*User",
  ],
  [
    198,
    "c02d4007 chatParticipant ChatParticipant user_id:l inviter_id:l date:i",
  ],
  [198, "e46bcee4 chatParticipantCreator ChatParticipant user_id:l"],
  [
    198,
    "695150d7 messageMediaPhoto MessageMedia flags:# spoiler:3?t photo:0?Photo ttl_seconds:2?i",
  ],
  [198, "c01e857f updateUserTyping Update user_id:l action:SendMessageAction"],
  [
    198,
    "9c974fdf updateReadHistoryInbox Update flags:# folder_id:0?i peer:Peer max_id:i still_unread_count:i pts:i pts_count:i",
  ],
  [
    198,
    "cb397619 channelParticipant ChannelParticipant flags:# user_id:l date:i subscription_until_date:0?i",
  ],
  [
    198,
    "4f607bef channelParticipantSelf ChannelParticipant flags:# via_request:0?t user_id:l inviter_id:l date:i subscription_until_date:1?i",
  ],
  [
    198,
    "6df8014e channelParticipantBanned ChannelParticipant flags:# left:0?t peer:Peer kicked_by:l date:i banned_rights:ChatBannedRights",
  ],
];

/**
 * Older method ids whose newer form only added optional fields (so an old
 * client's request, its flags never naming the new fields, has the new
 * layout): `[old id, method]`.
 */
const METHOD_ALIASES: [number, string][] = [
  // Layer 198 (GramJS 2.26).
  [0x983f9745, "messages.sendMessage"],
];

/** A combinator for an older constructor form, under its private alias. */
function combinatorOf(row: string, alias: string): Combinator {
  const schemaName = row.split(" ")[1];
  const current = constructorByName(schemaName);
  if (!current) throw new Error(`older form of unknown ${schemaName}`);
  const combinator: Combinator = {
    id: parseInt(row.slice(0, row.indexOf(" ")), 16) >>> 0,
    name: alias,
    isFunction: false,
    typeId: current.typeId,
    fields: null,
    result: null,
    minSize: -1,
    row,
    reader: null,
    compileTried: false,
  };
  fieldsOf(combinator);
  return combinator;
}

const forms = new Map<string, LegacyForm[]>();
for (const [upTo, row] of CONSTRUCTOR_ROWS) {
  const name = row.split(" ")[1];
  const alias = `${name}@${upTo}`;
  const combinator = combinatorOf(row, alias);
  registerConstructorAlias(alias, combinator);
  const list = forms.get(name) ?? [];
  list.push({ upTo, combinator });
  list.sort((a, b) => a.upTo - b.upTo);
  forms.set(name, list);
}
const methodIds = new Map<number, number>(
  METHOD_ALIASES.map(([old, name]) => [old, functionByName(name)!.id]),
);

/** The form `layer` knows for constructor `name`, if it differs from the current one. */
function formFor(name: string, layer: number): Combinator | undefined {
  for (const form of forms.get(name) ?? []) {
    if (layer <= form.upTo) return form.combinator;
  }
  return undefined;
}

/** Whether `value` can be written as `type` (after rewriting). */
function fits(type: TypeCode, value: unknown): boolean {
  switch (type.op) {
    case Op.Int:
    case Op.Flags:
    case Op.Double:
      return typeof value === "number";
    case Op.Long:
    case Op.Int128:
    case Op.Int256:
      return typeof value === "bigint";
    case Op.String:
      return typeof value === "string";
    case Op.Bytes:
      return value instanceof Uint8Array;
    case Op.Bool:
    case Op.True:
      return typeof value === "boolean";
    case Op.Vector:
    case Op.BareVector:
      return Array.isArray(value) &&
        value.every((v) => fits(type.elem!, v));
    case Op.Object: {
      const name = (value as { _?: unknown } | null)?._;
      return typeof name === "string" &&
        constructorByName(name)?.typeId === type.typeId;
    }
    default:
      return true;
  }
}

function rewrite(value: unknown, layer: number): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, layer));
  if (
    typeof value !== "object" || value === null || value instanceof Uint8Array
  ) {
    return value;
  }
  const object = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(object)) {
    out[key] = key === "_" ? field : rewrite(field, layer);
  }
  const name = object._;
  if (typeof name !== "string") return out;
  const form = formFor(name, layer);
  if (!form) return out;
  out._ = form.name;
  for (const field of form.fields as Field[]) {
    const v = out[field.name];
    if (
      field.flagSlot >= 0 && v !== undefined && v !== null &&
      !fits(field.type, v)
    ) {
      delete out[field.name];
    }
  }
  return out;
}

/**
 * `value` (an API object tree of the DC's layer) as a client on `layer`
 * must receive it: unchanged for the current layer (or a newer one), else a
 * copy with the older forms substituted.
 */
export function forClientLayer(
  value: unknown,
  layer: number | undefined,
): unknown {
  if (layer === undefined || layer >= SERVER_LAYER) return value;
  return rewrite(value, layer);
}

const WRAPPER = {
  invokeWithLayer: functionByName("invokeWithLayer")!.id,
  initConnection: functionByName("initConnection")!.id,
  invokeWithoutUpdates: functionByName("invokeWithoutUpdates")!.id,
  invokeAfterMsg: functionByName("invokeAfterMsg")!.id,
  invokeAfterMsgs: functionByName("invokeAfterMsgs")!.id,
};

/** The offset of the innermost query in a request, past the wrappers. */
function innermostQuery(r: TLReader): number {
  for (;;) {
    const start = r.offset;
    const id = r.readUint32();
    switch (id) {
      case WRAPPER.invokeWithLayer:
        r.readInt32();
        break;
      case WRAPPER.invokeWithoutUpdates:
        break;
      case WRAPPER.invokeAfterMsg:
        r.readInt64();
        break;
      case WRAPPER.invokeAfterMsgs: {
        r.readUint32();
        const count = r.readInt32();
        for (let i = 0; i < count; i++) r.readInt64();
        break;
      }
      case WRAPPER.initConnection: {
        const flags = r.readInt32();
        r.readInt32();
        for (let i = 0; i < 6; i++) r.readString();
        if (flags & 1) r.readObject();
        if (flags & 2) r.readObject();
        break;
      }
      default:
        return start;
    }
  }
}

/**
 * A request from a client on an older layer, with an older method id (one
 * whose newer form only added optional fields) replaced by the current one;
 * any other request unchanged.
 */
export function upgradeRequest(body: Uint8Array): Uint8Array {
  let at: number;
  try {
    at = innermostQuery(new TLReader(body));
  } catch {
    return body;
  }
  if (at + 4 > body.length) return body;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const current = methodIds.get(view.getUint32(at, true));
  if (current === undefined) return body;
  const copy = body.slice();
  new DataView(copy.buffer).setUint32(at, current, true);
  return copy;
}
