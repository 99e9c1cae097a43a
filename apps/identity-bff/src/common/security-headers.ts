import { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

/** A JSON API loads nothing: no source is allowed and no page may frame it. */
const apiHeaders = helmet({
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
  },
});

/** The Swagger UI loads its own scripts, inline styles and data: images: helmet's default CSP. */
const docsHeaders = helmet();

/** Helmet's headers on every response, with the CSP relaxed only for the UI under `/<docsPath>/`. */
export function securityHeaders(docsPath: string): RequestHandler {
  const isDocsPage = (path: string) => path === `/${docsPath}` || path.startsWith(`/${docsPath}/`);
  return (request: Request, response: Response, next: NextFunction) =>
    (isDocsPage(request.path) ? docsHeaders : apiHeaders)(request, response, next);
}
