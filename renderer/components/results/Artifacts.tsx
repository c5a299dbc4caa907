// Screenshot and HTML snapshot of a step result, read lazily with artifact.read.
import { useEffect, useState } from 'react';
import { api } from '../../api/client.js';

function useArtifact(path: string | undefined) {
  const [state, setState] = useState<{ url?: string; text?: string; error?: string } | null>(null);
  useEffect(() => {
    setState(null);
  }, [path]);
  async function load() {
    if (!path) return;
    try {
      const a = await api['artifact.read']({ path });
      if (a.encoding === 'base64') setState({ url: `data:${a.mime};base64,${a.data}` });
      else setState({ text: a.data });
    } catch (e) {
      setState({ error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { state, load };
}

export function Artifacts({ html, screenshot }: { html?: string; screenshot?: string }) {
  const shot = useArtifact(screenshot);
  const snap = useArtifact(html);
  useEffect(() => {
    if (screenshot) void shot.load();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [screenshot]);
  if (!html && !screenshot) return null;
  return (
    <div className="artifacts">
      {screenshot && (
        <div>
          <div className="section-title">Screenshot</div>
          {shot.state?.url && <img className="screenshot" src={shot.state.url} alt="Step screenshot" data-testid="result-screenshot" />}
          {shot.state?.error && <div className="err">{shot.state.error}</div>}
        </div>
      )}
      {html && (
        <div>
          <div className="section-title row">
            HTML snapshot <span className="dim mono">{html.split(/[\\/]/).pop()}</span>
            <button className="ghost" data-testid="load-html" onClick={() => void snap.load()}>
              {snap.state?.text ? 'Reload' : 'Show'}
            </button>
            {snap.state?.text && (
              <button className="ghost" onClick={() => void navigator.clipboard.writeText(snap.state?.text ?? '')}>
                Copy
              </button>
            )}
          </div>
          {snap.state?.text && <pre className="html-snapshot" data-testid="html-snapshot">{snap.state.text.slice(0, 200_000)}</pre>}
          {snap.state?.error && <div className="err">{snap.state.error}</div>}
        </div>
      )}
    </div>
  );
}
