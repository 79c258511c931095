// The scenario with the package loaded by `import` (see e2e_common.mjs).
import * as sparrow from "@sparrow/sparrow";
import { main } from "./e2e_common.mjs";

await main(sparrow, "import");
