// The scenario with the package loaded by `require()` (require(esm), Node >= 20.19).
const sparrow = require("@sparrow/sparrow");

import("./e2e_common.mjs").then(({ main }) => main(sparrow, "require"))
  .catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
