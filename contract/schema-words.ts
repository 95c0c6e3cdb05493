/**
 * Zod's generic messages in words a person reads. Shared by the adapters' input parsing
 * (parseCallInput) and a spec file's check (engine load-spec); our own custom messages already
 * name the member or field and pass through unchanged.
 */
export function plainSchemaMessage(message: string): string {
  return message
    .replace(/^Invalid input: expected (\w+), received (\w+)$/, 'must be a $1, not $2')
    .replace(/^Invalid input$/, 'is not valid')
    .replace(
      /^Invalid option: expected one of (.*)$/,
      (_m, list: string) => `must be one of ${list.replace(/\|/g, ', ')}`,
    )
    .replace(
      /^Unrecognized keys?: (.*)$/,
      (_m, keys: string) => `has fields this version does not know: ${keys}`,
    )
    .replace(/^Too small: expected string to have >=1 characters$/, 'must not be empty')
    .replace(/^Too small: expected (\w+) to have >=?(\d+) items?$/, 'needs at least $2')
    .replace(/^Too small: expected (\w+) to be >=?\s*(.*)$/, 'must be at least $2')
    .replace(/^Too big: expected (\w+) to be <=?\s*(.*)$/, 'must be at most $2')
    .replace(/^Invalid input: /, '');
}
