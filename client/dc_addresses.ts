/**
 * Telegram's data centres: the default addresses of the production and test
 * servers (IPv4, IPv6, and the WebSocket hosts web clients use).
 *
 * @module
 */

/** The addresses of one DC. */
export interface DcAddress {
  /** IPv4 address. */
  ipv4: string;
  /** IPv6 address. */
  ipv6: string;
  /** TCP port (443; Telegram also listens on 80 and 5222). */
  port: number;
  /** WebSocket URL (`wss://…/apiws`, or `/apiws_test` on the test servers). */
  webSocketUrl: string;
}

const WEB_NAMES: Readonly<Record<number, string>> = {
  1: "pluto",
  2: "venus",
  3: "aurora",
  4: "vesta",
  5: "flora",
};

function webSocketUrl(dc: number, test: boolean, media = false): string {
  const name = WEB_NAMES[dc];
  return `wss://${name}${media ? "-1" : ""}.web.telegram.org/${
    test ? "apiws_test" : "apiws"
  }`;
}

/** Telegram's production DCs 1 to 5. */
export const PRODUCTION_DCS: Readonly<Record<number, DcAddress>> = {
  1: {
    ipv4: "149.154.175.53",
    ipv6: "2001:b28:f23d:f001::a",
    port: 443,
    webSocketUrl: webSocketUrl(1, false),
  },
  2: {
    ipv4: "149.154.167.51",
    ipv6: "2001:67c:4e8:f002::a",
    port: 443,
    webSocketUrl: webSocketUrl(2, false),
  },
  3: {
    ipv4: "149.154.175.100",
    ipv6: "2001:b28:f23d:f003::a",
    port: 443,
    webSocketUrl: webSocketUrl(3, false),
  },
  4: {
    ipv4: "149.154.167.91",
    ipv6: "2001:67c:4e8:f004::a",
    port: 443,
    webSocketUrl: webSocketUrl(4, false),
  },
  5: {
    ipv4: "91.108.56.130",
    ipv6: "2001:b28:f23f:f005::a",
    port: 443,
    webSocketUrl: webSocketUrl(5, false),
  },
};

/** Telegram's test DCs 1 to 3 (their ids in the key exchange get +10000). */
export const TEST_DCS: Readonly<Record<number, DcAddress>> = {
  1: {
    ipv4: "149.154.175.10",
    ipv6: "2001:b28:f23d:f001::e",
    port: 443,
    webSocketUrl: webSocketUrl(1, true),
  },
  2: {
    ipv4: "149.154.167.40",
    ipv6: "2001:67c:4e8:f002::e",
    port: 443,
    webSocketUrl: webSocketUrl(2, true),
  },
  3: {
    ipv4: "149.154.175.117",
    ipv6: "2001:b28:f23d:f003::e",
    port: 443,
    webSocketUrl: webSocketUrl(3, true),
  },
};

/** The WebSocket URL of a DC's media endpoint (`venus-1.web.telegram.org` and so on). */
export function mediaWebSocketUrl(dc: number, testMode = false): string {
  return webSocketUrl(dc, testMode, true);
}
