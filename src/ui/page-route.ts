import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { sendErrorPage, sendPage } from './error-page.tsx';

/**
 * Wraps a page handler: the handler validates, calls services and returns the page; errors
 * become HTML error pages instead of the API's JSON.
 */
export function pageRoute(handler: (request: FastifyRequest) => Promise<VNode>) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    try {
      return sendPage(reply, await handler(request));
    } catch (error) {
      return sendErrorPage(reply, request.log, error);
    }
  };
}
