/** The api did not answer the page's read in time; the error boundary shows the retry state. */
export class ApiUnavailableError extends Error {
  override name = 'ApiUnavailableError';
}
