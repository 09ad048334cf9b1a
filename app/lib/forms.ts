/** Names shared by server code and the forms that browsers render. */
export const CSRF_FIELD = '_csrf';
