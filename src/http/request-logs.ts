// One line per request would bury everything else at info (the start-up line
// first of all): Fastify's request lines are written at debug, one per request
// when it completes (LOG_LEVEL=debug to see them). A request that failed keeps
// Fastify's own error line.
import { LogController, type FastifyReply, type FastifyRequest } from "fastify";

export class RequestLogsAtDebug extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>): void {
    if (error) return super.requestCompleted(error, request, reply, metadata);
    request.log.debug({ req: request, res: reply, responseTime: reply.elapsedTime }, "request completed");
  }
}
