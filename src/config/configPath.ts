/** Where repository config lives; it is read from the default branch only. */
export const CONFIG_PATH = '.github/agency.yml';
