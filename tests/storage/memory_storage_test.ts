import { MemoryStorage } from "../../storage/memory_storage.ts";
import { runStorageContract } from "./run_contract.ts";

runStorageContract("MemoryStorage", {
  create: () => Promise.resolve(new MemoryStorage()),
});
