/** Runs the storage contract under `node:test` (Deno and Node). */
import { describe, it } from "node:test";
import {
  type ContractCase,
  runContractCase,
  storageContract,
  type StorageFactory,
} from "./contract.ts";

/** Registers one test per contract case for the backend called `name`. */
export function runStorageContract(
  name: string,
  factory: StorageFactory,
): void {
  describe(`${name}: storage contract`, () => {
    for (const testCase of storageContract as ContractCase[]) {
      if (testCase.persistent && !factory.reopen) continue;
      it(testCase.name, () => runContractCase(testCase, factory));
    }
  });
}
