// Which engine a database address names: a postgres:// (or postgresql://) address is
// PostgreSQL, anything else a SQLite file. Without dependencies, so the configuration and the
// commands can ask without loading a driver.
export function isPostgresUrl(db: string | undefined): boolean {
  return !!db && /^postgres(ql)?:\/\//i.test(db);
}
