// Errors answered before a route runs, as problem+json like every other error:
// the router's (bad percent-encoding, an over-long path parameter) through
// Fastify's frameworkErrors, and the HTTP parser's and Node's timers' (huge
// headers, a request that does not arrive in time, bytes that are not HTTP)
// written straight to the socket through clientErrorHandler. Neither echoes the
// URL: it may carry a manage token.
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { randomUUID } from "node:crypto";
import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import { ConveneError } from "../core/errors.js";
import { PROBLEM_CONTENT_TYPE, problemOf, sendProblem } from "./problem.js";
import { NOSNIFF } from "./security-headers.js";

/** The router's own errors; anything else it reports is ours to log and answer 500. */
export function frameworkErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  reply.header("x-request-id", request.id).header("x-content-type-options", NOSNIFF);
  switch (error.code) {
    case "FST_ERR_BAD_URL":
      return sendProblem(reply, new ConveneError("BAD_URL", "The path is not valid percent-encoded UTF-8."));
    case "FST_ERR_MAX_PARAM_LENGTH":
      return sendProblem(reply, new ConveneError("URI_TOO_LONG", "A path segment is longer than any Convene address."));
  }
  request.log.error({ err: error }, "router error");
  return sendProblem(reply, new ConveneError("INTERNAL"));
}

type ClientError = Error & { code?: string };

function clientProblemOf(error: ClientError): ConveneError {
  switch (error.code) {
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return new ConveneError("REQUEST_TIMEOUT", "The request did not arrive in time.");
    case "HPE_HEADER_OVERFLOW":
      return new ConveneError("HEADERS_TOO_LARGE", "The request line and headers are larger than the server accepts.");
    case "HPE_INVALID_URL":
      return new ConveneError("BAD_URL", "The request URL is not valid.");
    default:
      return new ConveneError("VALIDATION_FAILED", "The request is not valid HTTP.");
  }
}

/** Node's clientError: answer once, if nothing was answered yet, then close the connection. */
export function clientErrorHandler(error: ClientError, socket: Socket): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const pendingResponse = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !pendingResponse?.headersSent) {
    const requestId = randomUUID();
    const problem = problemOf(clientProblemOf(error), requestId);
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status] ?? "Error"}\r\n` +
        `content-type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `content-length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${requestId}\r\n` +
        `x-content-type-options: ${NOSNIFF}\r\n` +
        "connection: close\r\n\r\n" +
        body,
    );
  }
  socket.destroy(error);
}
