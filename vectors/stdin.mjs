// Shared by verify.mjs and sessions/verify.mjs: reads `{"cases": [...]}` from stdin, or
// exits with status 2 and a message naming the script.
export async function readCases(script) {
  const chunks = [];
  for await (const c of process.stdin) chunks.push(c);
  try {
    const input = JSON.parse(Buffer.concat(chunks).toString("utf8"));
    if (!input || !Array.isArray(input.cases)) throw new Error('expected {"cases": [...]}');
    return input;
  } catch (e) {
    console.error(`${script}: bad input: ${e.message}`);
    process.exit(2);
  }
}
