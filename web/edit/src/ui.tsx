import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { plainMessage, request } from './api';
import { WorkspaceSearchDocument, type EntityType } from '../../__generated__/graphql';

/**
 * The workspace's building blocks. Every control has a visible label tied to it (for axe and
 * screen readers), errors are announced (role="alert") and sit next to the field they concern.
 */

interface FieldProps {
  label: ComponentChildren;
  /** The server's message for this field (fieldError(error, 'name')), shown under it. */
  error?: string | null;
  hint?: ComponentChildren;
  children: (props: { id: string; 'aria-invalid'?: 'true'; 'aria-describedby'?: string }) => ComponentChildren;
}

/** A label, its control (rendered by `children` with the ids wired) and its error. */
export function Field({ label, error, hint, children }: FieldProps) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {children({ id, ...(error ? { 'aria-invalid': 'true' as const } : {}), ...(described ? { 'aria-describedby': described } : {}) })}
      {hint && <span class="hint" id={`${id}-hint`}>{hint}</span>}
      {error && <span class="field-error" id={`${id}-error`} role="alert">{error}</span>}
    </div>
  );
}

interface InputProps {
  label: ComponentChildren;
  value: string;
  onValue: (value: string) => void;
  error?: string | null;
  hint?: ComponentChildren;
  type?: 'text' | 'number' | 'date' | 'url' | 'search';
  placeholder?: string;
  required?: boolean;
  maxLength?: number;
  inputMode?: 'text' | 'numeric';
  name?: string;
}

export const TextInput = ({ label, value, onValue, error, hint, type = 'text', ...rest }: InputProps) => (
  <Field label={label} error={error} hint={hint}>
    {(wired) => <input type={type as 'text'} {...rest} {...wired} value={value} onInput={(e) => onValue((e.target as HTMLInputElement).value)} />}
  </Field>
);

export function SelectInput<T extends string>({ label, value, onValue, options, error, hint }: {
  label: ComponentChildren;
  value: T | '';
  onValue: (value: T | '') => void;
  /** [value, text]; the empty value is offered first when `empty` is given. */
  options: readonly (readonly [T, string])[];
  empty?: string;
  error?: string | null;
  hint?: ComponentChildren;
} & { empty?: string }) {
  return (
    <Field label={label} error={error} hint={hint}>
      {(wired) => (
        <select {...wired} value={value} onChange={(e) => onValue((e.target as HTMLSelectElement).value as T | '')}>
          <option value="">—</option>
          {options.map(([v, text]) => <option value={v} key={v}>{text}</option>)}
        </select>
      )}
    </Field>
  );
}

export const TextArea = ({ label, value, onValue, error, hint, rows = 6 }: { label: ComponentChildren; value: string; onValue: (v: string) => void; error?: string | null; hint?: ComponentChildren; rows?: number }) => (
  <Field label={label} error={error} hint={hint}>
    {(wired) => <textarea {...wired} rows={rows} value={value} onInput={(e) => onValue((e.target as HTMLTextAreaElement).value)} />}
  </Field>
);

/** An error banner for what concerns no single field; announced. */
export const ErrorBanner = ({ error }: { error: unknown }) =>
  error ? <div class="banner error" role="alert">{plainMessage(error)}</div> : null;

export const OkBanner = ({ children }: { children: ComponentChildren }) => <div class="banner ok" role="status">{children}</div>;

/** A polite live region for progress ("加载中…"). */
export const Status = ({ children }: { children?: ComponentChildren }) => <p class="status" role="status" aria-live="polite">{children}</p>;

export interface Column<T> {
  header: ComponentChildren;
  cell: (row: T, index: number) => ComponentChildren;
}

/** A table with a caption (what it lists) and column headers; scrolls sideways on a phone. */
export function Table<T>({ caption, columns, rows, rowKey, empty = '无 None' }: {
  caption: ComponentChildren;
  columns: Column<T>[];
  rows: readonly T[];
  rowKey: (row: T, index: number) => string;
  empty?: ComponentChildren;
}) {
  return (
    // Focusable, so a table wider than a phone can be scrolled sideways from the keyboard.
    <div class="table-scroll" tabIndex={0} role="region" aria-label={typeof caption === 'string' ? caption : '表格 Table'}>
      <table class="data">
        <caption>{caption}</caption>
        <thead><tr>{columns.map((c, i) => <th scope="col" key={i}>{c.header}</th>)}</tr></thead>
        <tbody>
          {rows.length === 0 && <tr><td colSpan={columns.length} class="muted">{empty}</td></tr>}
          {rows.map((row, i) => <tr key={rowKey(row, i)}>{columns.map((c, j) => <td key={j}>{c.cell(row, i)}</td>)}</tr>)}
        </tbody>
      </table>
    </div>
  );
}

/** Runs `load` when `deps` change; answers its state. `reload()` runs it again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: unknown; loading: boolean; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: true });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => { live = false; };
  }, [...deps, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

export interface PickedEntity {
  id: string;
  name: string;
  /** Person, Honor, Program, Source, or an organization's type (Federation, Court, …). */
  typename: string;
}

/**
 * Search-as-you-type over the graph (the `search` query, scripts, pinyin and short forms alike):
 * a combobox whose options are the hits; arrow keys move, Enter picks, Escape closes.
 */
export function EntityPicker({ label, types, onPick, error, hint, placeholder }: {
  label: ComponentChildren;
  /** Which kinds to offer; all when absent. */
  types?: EntityType[];
  onPick: (entity: PickedEntity) => void;
  error?: string | null;
  hint?: ComponentChildren;
  placeholder?: string;
}) {
  const [text, setText] = useState('');
  const [hits, setHits] = useState<PickedEntity[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const listId = useId();
  const seq = useRef(0);
  useEffect(() => {
    const query = text.trim();
    if (!query) {
      setHits([]);
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      request(WorkspaceSearchDocument, { text: query, types: types ?? null, first: 8 }).then(
        (data) => {
          if (mine !== seq.current) return;
          setProblem(null);
          setHits(data.search.map(({ node }) => ({
            id: node.id,
            typename: node.__typename ?? 'Node',
            name: ('name' in node && node.name) || ('title' in node && node.title) || node.id,
          })));
          setActive(0);
          setOpen(true);
        },
        (err) => mine === seq.current && setProblem(err),
      );
    }, 150);
    return () => clearTimeout(timer);
  }, [text, (types ?? []).join()]);
  const pick = (hit: PickedEntity) => {
    onPick(hit);
    setText(hit.name);
    setOpen(false);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') { setOpen(true); setActive((a) => Math.min(a + 1, hits.length - 1)); event.preventDefault(); }
    else if (event.key === 'ArrowUp') { setActive((a) => Math.max(a - 1, 0)); event.preventDefault(); }
    else if (event.key === 'Enter' && open && hits[active]) { pick(hits[active]); event.preventDefault(); }
    else if (event.key === 'Escape') setOpen(false);
  };
  return (
    <div class="picker">
      <Field label={label} error={error ?? (problem ? plainMessage(problem) : null)} hint={hint}>
        {(wired) => (
          <input
            {...wired}
            type="search"
            // Preact's types ask a combobox input for a `list` (a datalist); this one owns a listbox instead.
            {...({ role: 'combobox' } as Record<string, string>)}
            autocomplete="off"
            placeholder={placeholder}
            aria-expanded={open && hits.length > 0 ? 'true' : 'false'}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-activedescendant={open && hits[active] ? `${listId}-${active}` : undefined}
            value={text}
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
            onKeyDown={onKeyDown}
          />
        )}
      </Field>
      {open && hits.length > 0 && (
        <ul role="listbox" id={listId} aria-label="搜索结果 Matches">
          {hits.map((hit, i) => (
            <li role="option" id={`${listId}-${i}`} key={hit.id} aria-selected={i === active ? 'true' : 'false'} data-id={hit.id}
              onMouseDown={(e) => { e.preventDefault(); pick(hit); }}>
              {hit.name}<span class="kind">{hit.typename} · {hit.id}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
