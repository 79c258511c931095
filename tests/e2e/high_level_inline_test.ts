import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { startTestDc, type TestDc } from "../dc/mod.ts";
import type { Client } from "../../client/client.ts";
import { InvalidInputError } from "../../client/types/invalid_input_error.ts";
import { RpcError } from "../../client/rpc_error.ts";
import { clientAs, waitFor } from "./updates_helpers.ts";

describe("inline results with media, and who may write first", () => {
  let dc: TestDc;
  let bot: Client;
  let user: Client;
  let botId: number;
  let aliceId: number;

  before(async () => {
    dc = await startTestDc({ dcCount: 1 });
    const alice = dc.world.createUser({
      bot: false,
      firstName: "Alice",
      homeDc: 1,
    });
    const botUser = dc.world.createUser({
      bot: true,
      firstName: "Media",
      username: "media_inline_bot",
      homeDc: 1,
    });
    aliceId = alice.id;
    botId = botUser.id;
    bot = await clientAs(dc, botId);
    user = await clientAs(dc, aliceId);
    await user.resolveUsername("media_inline_bot");
  });

  after(async () => {
    await bot?.disconnect();
    await user?.disconnect();
    await dc.stop();
  });

  it("photos and documents by URL and cached ones reach the user, and are sent", async () => {
    bot.inlineQuery("media", (ctx) =>
      ctx.answerInlineQuery([
        {
          type: "photo",
          id: "p",
          photo_url: "https://example.com/cat.jpg",
          thumbnail_url: "https://example.com/cat_thumb.jpg",
          photo_width: 640,
          photo_height: 480,
          caption: "<b>cat</b>",
          parse_mode: "HTML",
        },
        {
          type: "document",
          id: "d",
          title: "Manual",
          document_url: "https://example.com/manual.pdf",
          mime_type: "application/pdf",
          description: "the manual",
        },
        {
          type: "photo",
          id: "cp",
          input_photo: {
            _: "inputPhoto",
            id: 555n,
            access_hash: 7n,
            file_reference: new Uint8Array([1]),
          },
        },
        {
          type: "document",
          id: "cd",
          title: "Cached",
          input_document: {
            _: "inputDocument",
            id: 666n,
            access_hash: 8n,
            file_reference: new Uint8Array([2]),
          },
          input_message_content: { message_text: "instead of the file" },
        },
      ], { cache_time: 0 }));
    const answer = await user.invoke({
      _: "messages.getInlineBotResults",
      bot: await user.peers.inputUser(botId),
      peer: { _: "inputPeerSelf" },
      query: "media",
      offset: "",
    });
    const [photo, document, cachedPhoto, cachedDocument] = answer.results;
    assert.equal(photo._, "botInlineResult");
    if (photo._ !== "botInlineResult") return;
    assert.equal(photo.type, "photo");
    assert.equal(photo.content?.url, "https://example.com/cat.jpg");
    assert.deepEqual(photo.content?.attributes, [{
      _: "documentAttributeImageSize",
      w: 640,
      h: 480,
    }]);
    assert.equal(photo.thumb?.url, "https://example.com/cat_thumb.jpg");
    assert.equal(photo.send_message._, "botInlineMessageMediaAuto");
    assert.equal(document._ === "botInlineResult" && document.type, "file");
    assert.equal(
      document._ === "botInlineResult" && document.content?.mime_type,
      "application/pdf",
    );
    assert.equal(cachedPhoto._, "botInlineMediaResult");
    assert.equal(
      cachedPhoto._ === "botInlineMediaResult" &&
        cachedPhoto.photo?._ === "photo" && cachedPhoto.photo.id,
      555n,
    );
    assert.equal(
      cachedDocument._ === "botInlineMediaResult" &&
        cachedDocument.document?._ === "document" &&
        cachedDocument.document.id,
      666n,
    );
    assert.equal(cachedDocument.send_message._, "botInlineMessageText");
    // Alice sends the photo to herself, via the bot.
    await user.invoke({
      _: "messages.sendInlineBotResult",
      peer: { _: "inputPeerSelf" },
      random_id: 77n,
      query_id: answer.query_id,
      id: "p",
    });
    const stored = [...dc.chats.box(aliceId).messages.values()].at(-1)!;
    assert.equal((stored.object.media as { _: string })._, "messageMediaPhoto");
    const [sent] = await user.getMessages(aliceId, [
      stored.object.id as number,
    ]);
    assert.ok(sent);
    assert.equal(sent.caption, "cat");
    assert.ok(sent.photo && sent.photo.length > 0);
    assert.equal(sent.via_bot?.id, botId);
    assert.equal(sent.caption_entities?.[0]?.type, "bold");
  });

  it("bad media results give typed errors before any request", async () => {
    const calls: string[] = [];
    const fake = {
      ...bot,
      peers: bot.peers,
      invoke: (fn: { _: string }) => {
        calls.push(fn._);
        return Promise.resolve(true);
      },
    };
    const { answerInlineQuery } = await import(
      "../../client/methods/answer_inline_query.ts"
    );
    await assert.rejects(
      answerInlineQuery(fake as never, "1", [{
        type: "document",
        id: "x",
        title: "t",
        document_url: "https://example.com/a.exe",
        mime_type: "application/x-msdownload" as "application/pdf",
      }]),
      InvalidInputError,
    );
    await assert.rejects(
      answerInlineQuery(fake as never, "1", [{
        type: "photo",
        id: "x",
        photo_url: "ftp://example.com/a.jpg",
        thumbnail_url: "https://example.com/t.jpg",
      }]),
      InvalidInputError,
    );
    assert.deepEqual(calls, []);
  });

  it("a bot cannot write first to a user it saw in a group; it can once the user wrote", async () => {
    const group = dc.chats.createChat(aliceId, "Meet", [botId]);
    const seen: string[] = [];
    bot.on("message", (ctx) => void seen.push(ctx.msg.text ?? ""));
    await user.sendMessage(-group.id, "hello group");
    await waitFor(() => seen.includes("hello group"), "the group message");
    // The bot has Alice's access hash now, but she never wrote to it.
    const peer = await bot.peers.inputPeer(aliceId);
    assert.equal(peer._, "inputPeerUser");
    await assert.rejects(
      bot.sendMessage(aliceId, "hi, stranger"),
      (error) =>
        error instanceof RpcError && error.code === 400 &&
        error.message === "PEER_ID_INVALID",
    );
    await user.sendMessage(botId, "/start");
    await waitFor(() => seen.includes("/start"), "the /start");
    const welcome = await bot.sendMessage(aliceId, "welcome");
    assert.equal(welcome.text, "welcome");
  });
});
