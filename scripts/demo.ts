/**
 * The demo: an echo bot, written with Sparrow's public API exactly as one would write it for
 * Telegram, talking to a user, all against the local test DC started in this process. No
 * network is needed; it finishes by itself.
 *
 * Run it with `npm run demo` (`deno run -A scripts/demo.ts`). Pointed at Telegram (a real
 * `apiId`, `apiHash` and bot token, and no `dcs`/`publicKeys` overrides), the bot's code is the
 * same.
 *
 * @module
 */
import { Client, MemoryStorage } from "../mod.ts";
import { startTestDc, type TestDc } from "../tests/dc/mod.ts";

/** One line of the conversation, as the demo prints it. */
export interface DemoLine {
  /** Who wrote it. */
  from: "user" | "bot";
  /** What happened: a message, an edit, a button press, or the bot's answer to the press. */
  kind: "message" | "edit" | "press" | "answer";
  /** Its text. */
  text: string;
}

/** Options of {@linkcode runDemo}. */
export interface DemoOptions {
  /** Called with every line of the conversation as it happens (default: print it). */
  onLine?: (line: DemoLine) => void;
  /** Called with progress notes (default: print them). */
  onNote?: (note: string) => void;
}

/** The echo bot: what a user of Sparrow writes. `options` points it at a DC. */
export function echoBot(
  options: ConstructorParameters<typeof Client>[0],
): Client {
  const bot = new Client(options);
  bot.command(
    "start",
    (ctx) => ctx.reply("Hi! I echo what you send. Try /menu."),
  );
  bot.command("menu", (ctx) =>
    ctx.reply("Pick a fruit:", {
      reply_markup: {
        inline_keyboard: [[
          { text: "🍎 Apple", callback_data: "fruit:apple" },
          { text: "🍌 Banana", callback_data: "fruit:banana" },
        ]],
      },
    }));
  bot.callbackQuery(/^fruit:(\w+)$/, async (ctx) => {
    await ctx.editMessageText(`You picked <b>${ctx.match[1]}</b>.`, {
      parse_mode: "HTML",
    });
    await ctx.answerCallbackQuery(`${ctx.match[1]} it is!`);
  });
  bot.on("message:text", (ctx) => ctx.reply(`Echo: ${ctx.msg.text}`));
  bot.catch((error) => console.error("handler failed:", error));
  return bot;
}

function localOptions(dc: TestDc) {
  return {
    apiId: 1,
    apiHash: "0123456789abcdef0123456789abcdef",
    storage: new MemoryStorage(),
    initialDc: 1,
    dcs: Object.fromEntries(
      dc.dcs.map((d) => [d.id, { host: d.host, port: d.port }]),
    ),
    publicKeys: [dc.publicKey],
  };
}

/** Runs the whole scenario and resolves with the conversation. */
export async function runDemo(options: DemoOptions = {}): Promise<DemoLine[]> {
  const lines: DemoLine[] = [];
  const onLine = options.onLine ??
    ((line: DemoLine) => {
      const arrow = line.from === "user" ? "user → bot" : "bot → user";
      console.log(
        `[${arrow}] ${
          line.kind === "message" ? "" : `(${line.kind}) `
        }${line.text}`,
      );
    });
  const note = options.onNote ?? ((text: string) => console.log(`# ${text}`));
  const say = (line: DemoLine) => {
    lines.push(line);
    onLine(line);
  };

  const dc = await startTestDc({ dcCount: 1 });
  note(`local test DC listening on ${dc.dcs[0].host}:${dc.dcs[0].port}`);
  const { token } = dc.auth.createBot({
    username: "echo_demo_bot",
    firstName: "Echo",
  });
  dc.auth.createUser({ phone: "9996610001", firstName: "Ada", homeDc: 1 });

  const bot = echoBot(localOptions(dc));
  const user = new Client(localOptions(dc));
  try {
    const me = await bot.start({ botToken: token });
    note(`bot logged in as @${me.username}`);
    const ada = await user.start({ phone: "9996610001", code: "11111" });
    note(`user logged in as ${ada.first_name}`);

    // The user's side: wait for the bot's messages and edits.
    const waiters: {
      test: (line: DemoLine) => boolean;
      resolve: () => void;
    }[] = [];
    const arrived = (line: DemoLine) => {
      say(line);
      for (const waiter of [...waiters]) {
        if (waiter.test(line)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
    };
    const next = (test: (line: DemoLine) => boolean) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error("the bot did not answer")),
          10_000,
        );
        waiters.push({ test, resolve: () => (clearTimeout(timer), resolve()) });
      });
    let lastButtons: { id: number; data: string } | undefined;
    user.on("message", (ctx) => {
      if (ctx.msg.is_outgoing) return;
      const button =
        ctx.msg.reply_markup && "inline_keyboard" in ctx.msg.reply_markup
          ? ctx.msg.reply_markup.inline_keyboard[0]?.[1]
          : undefined;
      if (button?.callback_data) {
        lastButtons = { id: ctx.msg.message_id, data: button.callback_data };
      }
      arrived({ from: "bot", kind: "message", text: ctx.msg.text ?? "" });
    });
    user.on("edited_message", (ctx) => {
      arrived({ from: "bot", kind: "edit", text: ctx.msg.text ?? "" });
    });

    await user.resolveUsername("echo_demo_bot");
    for (const text of ["/start", "Hello, Sparrow!", "/menu"]) {
      const answered = next((line) =>
        line.from === "bot" && line.kind === "message"
      );
      say({ from: "user", kind: "message", text });
      await user.sendMessage("@echo_demo_bot", text);
      await answered;
    }

    // Press the second button of the keyboard (a raw call: pressing is a user's app's job).
    if (!lastButtons) throw new Error("the bot sent no keyboard");
    say({ from: "user", kind: "press", text: lastButtons.data });
    const edited = next((line) => line.kind === "edit");
    const answer = await user.invoke({
      _: "messages.getBotCallbackAnswer",
      peer: await user.peers.inputPeer("@echo_demo_bot"),
      msg_id: lastButtons.id,
      data: new TextEncoder().encode(lastButtons.data),
    });
    say({ from: "bot", kind: "answer", text: answer.message ?? "" });
    await edited;
  } finally {
    await user.disconnect();
    await bot.disconnect();
    await dc.stop();
  }
  note("done");
  return lines;
}

if (import.meta.main) await runDemo();
