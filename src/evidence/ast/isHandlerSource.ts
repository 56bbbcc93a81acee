/** Path segments of files that hold HTTP handlers, by the usual names. */
const HANDLER_PATH =
  /(^|\/)(routes?|routers?|controllers?|handlers?|api|views|endpoints?|resolvers?)(\/|\.|_|$)|[._-](controller|route|routes|router|handler|views?|resolver)\.[a-z]+$|Controller\.[a-z]+$|_controller\.rb$/i;
/** A route or handler declared in the file: Express-style calls, decorators, Go handlers, Rails/Sinatra. */
const ROUTE_IN_SOURCE =
  /\.(?:get|post|put|patch|delete|all|route|api_route)\(\s*['"`]\/|@\w+(?:\.\w+)*\.(?:route|get|post|put|patch|delete)\(|\bhttp\.ResponseWriter\b|\*gin\.Context\b|\becho\.Context\b|\bfiber\.Ctx\b|<\s*(?:ApplicationController|ActionController::\w+)|\bSinatra::Base\b|\b(?:def|async def) \w+\(request\b|@(?:Get|Post|Put|Patch|Delete)\(|\bAPIView\b|\bViewSet\b/;

/** A file that handles HTTP requests: rules about request handlers only read these. */
export function isHandlerSource(path: string, source: string): boolean {
  return HANDLER_PATH.test(path) || ROUTE_IN_SOURCE.test(source);
}
