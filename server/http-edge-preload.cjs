// `node --require ./server/http-edge-preload.cjs …`: installs the HTTP edge (./http-edge.cjs) before the server starts.
"use strict";
require("./http-edge.cjs").install();
