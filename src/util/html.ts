/**
 * Job summaries are GitHub-flavoured Markdown with HTML blocks. CommonMark ends an HTML block such
 * as `<table>`, `<p>` or `<details>` at the first blank line; whatever follows is Markdown again,
 * so a blank line planted in user text (a log line, a history field, a receiver's answer) would
 * let `![image](...)` or `[link](...)` after it render. User text therefore goes through
 * escapeHtml, which leaves no line break at all, or into codeFence.
 */

/** User text (URLs, error messages, log lines) for one line of an HTML block in a summary. */
export function escapeHtml(text: string): string {
  return (
    text
      .replace(
        /[&<>"']/g,
        c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string
      )
      // CommonMark's line endings: \r\n, \r and \n; none may survive inside an HTML block
      .replace(/\r\n|\r|\n/g, '<br>')
      .replace(/\0/g, '\ufffd')
  );
}

/**
 * A fenced code block for literal text (evidence): its fence is longer than any run of backticks
 * in the text, so no line of the text can close it, and nothing inside is read as Markdown or HTML.
 */
export function codeFence(text: string, info = 'text'): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map(run => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${info}\n${text.replace(/\0/g, '\ufffd')}\n${fence}`;
}

export function table(headers: string[], rows: string[][]): string {
  const head = `<tr>${headers.map(h => `<th>${escapeHtml(h)}</th>`).join('')}</tr>`;
  const body = rows.map(r => `<tr>${r.map(c => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`);
  return `${['<table>', head, ...body, '</table>'].join('\n')}\n`;
}
