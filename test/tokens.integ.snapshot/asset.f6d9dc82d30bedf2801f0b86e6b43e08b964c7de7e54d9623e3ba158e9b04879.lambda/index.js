"use strict";
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// src/handler/hello.lambda.ts
var hello_lambda_exports = {};
__export(hello_lambda_exports, {
  callerName: () => callerName,
  handler: () => handler
});
module.exports = __toCommonJS(hello_lambda_exports);
function callerName(claims) {
  for (const claim of ["username", "cognito:username", "client_id"]) {
    const name = claims?.[claim];
    if (typeof name === "string" && name.length > 0) return name;
  }
  return void 0;
}
async function handler(event) {
  const name = callerName(event.requestContext?.authorizer?.jwt?.claims);
  if (name === void 0) {
    return { statusCode: 401, headers: { "content-type": "text/plain; charset=utf-8" }, body: "Unauthorized" };
  }
  return {
    statusCode: 200,
    headers: { "content-type": "text/plain; charset=utf-8" },
    body: `Hello, World! I am ${name}!`
  };
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  callerName,
  handler
});
