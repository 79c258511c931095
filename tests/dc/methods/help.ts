/**
 * `help.*` methods of the test DC.
 *
 * @module
 */

import type { MethodTable, RpcContext } from "../rpc.ts";

/** `help.getConfig`: this world's DCs (loopback TCP), `this_dc`, test mode, Telegram's usual limits. */
function getConfig(
  _request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  const date = Math.floor(ctx.now());
  const dcs = ctx.dc.all();
  return {
    _: "config",
    date,
    expires: date + 3600,
    test_mode: true,
    this_dc: ctx.dc.id,
    dc_options: dcs.map((dc) => ({
      _: "dcOption",
      id: dc.id,
      ip_address: dc.host,
      port: dc.port,
    })),
    dc_txt_domain_name: "localhost",
    chat_size_max: 200,
    megagroup_size_max: 200000,
    forwarded_count_max: 100,
    online_update_period_ms: 210000,
    offline_blur_timeout_ms: 5000,
    offline_idle_timeout_ms: 30000,
    online_cloud_timeout_ms: 300000,
    notify_cloud_delay_ms: 30000,
    notify_default_delay_ms: 1500,
    push_chat_period_ms: 60000,
    push_chat_limit: 2,
    edit_time_limit: 172800,
    revoke_time_limit: 2147483647,
    revoke_pm_time_limit: 2147483647,
    rating_e_decay: 2419200,
    stickers_recent_limit: 200,
    channels_read_media_period: 604800,
    call_receive_timeout_ms: 20000,
    call_ring_timeout_ms: 90000,
    call_connect_timeout_ms: 30000,
    call_packet_timeout_ms: 10000,
    me_url_prefix: "https://t.me/",
    caption_length_max: 1024,
    message_length_max: 4096,
    webfile_dc_id: dcs.some((dc) => dc.id === 4) ? 4 : dcs[0].id,
  };
}

/** `help.getNearestDc`: loopback has no country, so the DC asked is the nearest. */
function getNearestDc(
  _request: Record<string, unknown>,
  ctx: RpcContext,
): unknown {
  return {
    _: "nearestDc",
    country: "XX",
    this_dc: ctx.dc.id,
    nearest_dc: ctx.dc.id,
  };
}

/** The `help.*` handlers. */
export const helpMethods: MethodTable = {
  "help.getConfig": getConfig,
  "help.getNearestDc": getNearestDc,
};
