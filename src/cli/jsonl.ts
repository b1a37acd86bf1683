// The streaming mode of the one-stage commands (parse-feed, extract, cluster): one JSON
// object per input line, one answer line per input line, written as soon as it is decided.
import readline from 'node:readline';

export async function writeLine(value: unknown): Promise<void> {
  if (!process.stdout.write(`${JSON.stringify(value)}\n`)) await new Promise((r) => process.stdout.once('drain', r));
}

/**
 * Answers each non-empty stdin line with `answer(input)` merged after its id; a line that
 * is not JSON, or that `answer` rejects by throwing, gets {"id", "error"}. Returns how many
 * lines failed that way.
 */
export async function answerJsonLines(answer: (input: Record<string, unknown>) => Record<string, unknown>): Promise<number> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  let bad = 0;
  for await (const line of lines) {
    if (!line.trim()) continue;
    let id: unknown = null;
    let out: Record<string, unknown>;
    try {
      const input = JSON.parse(line) as Record<string, unknown>;
      id = input.id ?? null;
      out = { id, ...answer(input) };
    } catch (err) {
      bad++;
      out = { id, error: `bad input line: ${err instanceof Error ? err.message : String(err)}` };
    }
    await writeLine(out);
  }
  return bad;
}
