/**
 * The national portal's page of a procedure, from the configured pattern (`{code}`
 * replaced by the URL-encoded code). Portal versions put it at different addresses
 * (docs/sources.md §6), hence the pattern. (our reading) The default is the portal's public
 * procedure detail page.
 */
export const DEFAULT_PROCEDURE_PAGE_URL = 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={code}';

export function procedurePageUrl(code: string, pattern: string = DEFAULT_PROCEDURE_PAGE_URL): string {
  return pattern.replaceAll('{code}', encodeURIComponent(code));
}
