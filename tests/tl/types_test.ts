import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type {
  RawInvokeWithLayerRequest,
  RawMessagesSendMessageRequest,
  ResultOf,
  TLFunctionByName,
  TLObjectByName,
  TypeConfig,
  TypeUpdates,
} from "../../tl/mod.ts";

// Compile-time checks: this file fails `deno check` if the result types are wrong.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends
  (<T>() => T extends B ? 1 : 2) ? true : false;
const sendResult: Equal<ResultOf<RawMessagesSendMessageRequest>, TypeUpdates> =
  true;
const wrapped: Equal<
  ResultOf<
    {
      _: "invokeWithLayer";
      layer: number;
      query: {
        _: "initConnection";
        api_id: number;
        device_model: string;
        system_version: string;
        app_version: string;
        system_lang_code: string;
        lang_pack: string;
        lang_code: string;
        query: { _: "help.getConfig" };
      };
    }
  >,
  TypeConfig
> = true;
const vectorLong: Equal<
  ResultOf<TLFunctionByName<"messages.receivedQueue">>,
  bigint[]
> = true;
const byName: Equal<TLObjectByName<"inputPeerSelf">, { _: "inputPeerSelf" }> =
  true;
const layerQuery: Equal<RawInvokeWithLayerRequest["layer"], number> = true;

describe("generated types", () => {
  it("type the results of plain and wrapped calls", () => {
    assert.deepEqual([sendResult, wrapped, vectorLong, byName, layerQuery], [
      true,
      true,
      true,
      true,
      true,
    ]);
  });
});
