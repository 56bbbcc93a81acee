/** The public page our secret rules rest on: linked by their findings and cited in docs/rules.md. */
export const SECRET_RULE_REFERENCE = 'https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html';
