/** The one site the extension talks to and paints the badge on. */
export const PRO_QCC_ORIGIN = 'https://pro.qcc.com';
