import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoteDetail } from '../../shared/contract/chairside';
import { formatTooth } from '../../shared/chart/teeth';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { usePracticeTime } from '../ui/format';
import { ErrorNotice, QueryState } from '../ui/QueryState';
import { entryText } from '../chart/labels';
import { savePdf } from '../files/save-file';
import { SavedFileNotice } from '../files/SavedFileNotice';
import type { PatientTabProps } from '../patients/tabs/types';
import { contract } from '../../shared/contract';
import { maxLengthAt } from '../../shared/contract/text';

type Section = { key: string; heading: string; text: string };
type Draft = { noteId: string; baseVersionId: string | null; title: string; sections: Section[]; findingIds: string[]; teeth: string[]; templateId: string | null };

const notesKey = (patientId: string) => ['notes', patientId] as const;

/** Progress notes: the list, a new note from a template, drafts kept in parallel versions when two people save, signing and addenda. */
export function NotesTab({ patient, permissions }: PatientTabProps) {
  const { t } = useTranslation();
  const client = useClient();
  const canWrite = permissions.includes('clinical.write');
  const list = useQuery({ queryKey: notesKey(patient.id), queryFn: () => client['notes.list']({ patientId: patient.id }) });
  const time = usePracticeTime();
  const [open, setOpen] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  /** Set by a saved draft: the live region says so and the saved note's heading takes the keyboard (the editor that had it is gone). */
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <div className="notes-tab">
      <QueryState query={list}>
        {(notes) => (
          <div className="notes-layout">
            <section className="notes-list card" aria-labelledby="notes-list-title">
              <h3 id="notes-list-title" className="card-title">
                {t('notes.listTitle')}
              </h3>
              {canWrite ? <NewNote patientId={patient.id} onStart={(d) => (setOpen(null), setSaved(null), setDraft(d))} /> : null}
              <p role="status" className="muted">
                {saved && saved === open ? t('notes.draftSaved') : ''}
              </p>
              {notes.length === 0 ? <p className="muted">{t('notes.none')}</p> : null}
              <ul>
                {notes.map((n) => (
                  <li key={n.id}>
                    <button type="button" className={`note-item${open === n.id ? ' active' : ''}`} aria-current={open === n.id || undefined} onClick={() => (setDraft(null), setSaved(null), setOpen(n.id))}>
                      <strong>{time.day(n.visitDate)}</strong> {n.title} <span className={n.status === 'signed' ? 'badge badge-success' : 'badge'}>{t(`notes.status.${n.status}`)}</span>
                      {n.conflict ? <span className="badge badge-warning">{t('notes.conflictBadge')}</span> : null}
                      <span className="block muted">{n.snippet}</span>
                    </button>
                  </li>
                ))}
              </ul>
            </section>
            {draft ? <NoteEditor patientId={patient.id} draft={draft} onSaved={(id) => (setDraft(null), setOpen(id), setSaved(id))} onCancel={() => setDraft(null)} /> : null}
            {open && !draft ? <NoteView key={open} noteId={open} patientId={patient.id} canWrite={canWrite} focusHeading={saved === open} onEdit={(d) => (setSaved(null), setDraft(d))} /> : null}
          </div>
        )}
      </QueryState>
    </div>
  );
}

function NewNote({ patientId, onStart }: { patientId: string; onStart: (d: Draft) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const language = currentLanguage();
  const templates = useQuery({ queryKey: ['notes.templates', language], queryFn: () => client['notes.templates.list']({ language }) });
  const [choice, setChoice] = useState('');
  const list = templates.data ?? [];
  const chosen = list.find((x) => x.id === choice) ?? list.find((x) => x.isDefault) ?? list[0];
  void patientId;
  return (
    <form
      className="chart-toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        onStart({
          noteId: crypto.randomUUID(),
          baseVersionId: null,
          title: chosen?.name ?? '',
          templateId: chosen?.id ?? null,
          sections: chosen ? chosen.sections.map((s) => ({ key: s.key, heading: s.heading, text: '' })) : [{ key: 'note', heading: t('notes.noteHeading'), text: '' }],
          findingIds: [],
          teeth: [],
        });
      }}
    >
      <label className="field-inline">
        <span>{t('notes.template')}</span>
        <select value={chosen?.id ?? ''} onChange={(e) => setChoice(e.target.value)}>
          {list.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="btn btn-primary btn-sm">
        {t('notes.new')}
      </button>
    </form>
  );
}

function NoteEditor({ patientId, draft: initial, onSaved, onCancel, resolves = [] }: { patientId: string; draft: Draft; onSaved: (noteId: string) => void; onCancel: () => void; resolves?: string[] }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const [draft, setDraft] = useState(initial);
  const [conflict, setConflict] = useState<NoteDetail | null>(null);
  const time = usePracticeTime();
  // "Today" is the practice's calendar day, not UTC's nor the workstation's.
  const today = time.dayOf(new Date().toISOString());
  const formRef = useRef<HTMLFormElement>(null);
  // "Nueva nota" and "Editar" are gone or behind once the editor opens: the keyboard starts in the first section.
  useEffect(() => {
    formRef.current?.querySelector<HTMLTextAreaElement>('textarea')?.focus();
  }, []);
  const chart = useQuery({ queryKey: ['chart.get', patientId, 'now'], queryFn: () => client['chart.get']({ patientId }) });
  const doneToday = (chart.data?.entries ?? []).filter((e) => e.item.type === 'finding' && e.item.status === 'completed' && time.dayOf(e.changedAt) === today);
  const save = useMutation({
    mutationFn: () =>
      client['notes.saveDraft']({
        patientId,
        noteId: draft.noteId,
        versionId: crypto.randomUUID(),
        baseVersionId: draft.baseVersionId,
        resolves,
        title: draft.title,
        templateId: draft.templateId,
        content: { sections: draft.sections },
        links: { teeth: draft.teeth, findingIds: draft.findingIds, chartEventIds: [] },
      }),
    onSuccess: (r) => {
      void queryClient.invalidateQueries({ queryKey: notesKey(patientId) });
      queryClient.setQueryData(['notes.get', r.note.id], r.note);
      if (r.conflict) setConflict(r.note);
      else onSaved(r.note.id);
    },
  });
  if (conflict) return <ConflictView note={conflict} patientId={patientId} onResolved={() => onSaved(conflict.id)} />;
  return (
    <form
      ref={formRef}
      className="note-editor card"
      aria-label={t('notes.editor')}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label className="field-inline">
        <span>{t('notes.title')}</span>
        <input maxLength={maxLengthAt(contract['notes.saveDraft'].input, 'title')} value={draft.title} onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
      </label>
      {draft.sections.map((s, i) => (
        <label key={s.key} className="note-section">
          <span className="note-heading">{s.heading}</span>
          <textarea maxLength={maxLengthAt(contract['notes.saveDraft'].input, 'content.sections.[].text')} rows={3} value={s.text} onChange={(e) => setDraft({ ...draft, sections: draft.sections.map((x, j) => (j === i ? { ...x, text: e.target.value } : x)) })} />
        </label>
      ))}
      <fieldset className="note-links">
        <legend>{t('notes.linksToday')}</legend>
        {doneToday.length === 0 ? <p className="muted">{t('notes.noneToday')}</p> : null}
        {doneToday.map((e) => {
          const teeth = e.item.type === 'finding' && (e.item.area.kind === 'surface' || e.item.area.kind === 'tooth') ? [e.item.area.tooth] : [];
          return (
            <label key={e.id} className="field-inline">
              <input
                type="checkbox"
                checked={draft.findingIds.includes(e.id)}
                onChange={(ev) =>
                  setDraft({
                    ...draft,
                    findingIds: ev.target.checked ? [...draft.findingIds, e.id] : draft.findingIds.filter((x) => x !== e.id),
                    teeth: ev.target.checked ? [...new Set([...draft.teeth, ...teeth])] : draft.teeth.filter((x) => !teeth.includes(x)),
                  })
                }
              />
              <span>{entryText(e, chart.data?.catalog ?? [], language, chart.data?.display.numbering ?? 'fdi')}</span>
            </label>
          );
        })}
      </fieldset>
      {save.isError ? <ErrorNotice error={save.error} /> : null}
      <div className="chart-toolbar">
        <Button type="submit" variant="primary" busy={save.isPending}>
          {t('notes.saveDraft')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </div>
    </form>
  );
}

/** Two people saved from the same version: both are shown, the author keeps one (or edits a merge) and the others are resolved. */
function ConflictView({ note, patientId, onResolved }: { note: NoteDetail; patientId: string; onResolved: () => void }) {
  const { t } = useTranslation();
  const time = usePracticeTime();
  const [merging, setMerging] = useState<Draft | null>(null);
  if (merging)
    return (
      <NoteEditor
        patientId={patientId}
        draft={merging}
        resolves={note.heads.map((h) => h.id).filter((id) => id !== merging.baseVersionId)}
        onSaved={onResolved}
        onCancel={() => setMerging(null)}
      />
    );
  return (
    <section className="note-conflict card" aria-labelledby="note-conflict-title">
      <h3 id="note-conflict-title" className="card-title">
        {t('notes.conflictTitle')}
      </h3>
      <Alert tone="warning">{t('notes.conflictExplain')}</Alert>
      <div className="note-heads">
        {note.heads.map((h) => (
          <article key={h.id} className="note-head">
            <p className="muted">{t('notes.versionBy', { name: h.authorName ?? '—', at: time.dateTime(h.savedAt) })}</p>
            {h.content.sections.map((s) => (
              <div key={s.key}>
                <strong>{s.heading}</strong>
                <p className="pre-line">{s.text}</p>
              </div>
            ))}
            <Button
              size="sm"
              onClick={() =>
                setMerging({ noteId: note.id, baseVersionId: h.id, title: note.title, templateId: note.templateId, sections: h.content.sections, findingIds: h.links.findingIds, teeth: h.links.teeth })
              }
            >
              {t('notes.useThis')}
            </Button>
          </article>
        ))}
      </div>
    </section>
  );
}

function NoteView({ noteId, patientId, canWrite, focusHeading, onEdit }: { noteId: string; patientId: string; canWrite: boolean; focusHeading: boolean; onEdit: (d: Draft) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const note = useQuery({ queryKey: ['notes.get', noteId], queryFn: () => client['notes.get']({ noteId }) });
  const time = usePracticeTime();
  const [addendum, setAddendum] = useState('');
  const [confirming, setConfirming] = useState<{ kind: 'sign'; versionId: string } | { kind: 'addendum' } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingFocused = useRef(false);
  useEffect(() => {
    if (!focusHeading || headingFocused.current || !headingRef.current) return;
    headingFocused.current = true;
    headingRef.current.focus();
  });
  const refresh = (n: NoteDetail) => {
    queryClient.setQueryData(['notes.get', noteId], n);
    void queryClient.invalidateQueries({ queryKey: notesKey(patientId) });
  };
  const sign = useMutation({
    mutationFn: (versionId: string) => client['notes.sign']({ noteId, versionId }),
    onSuccess: (n) => {
      refresh(n);
      // The sign button is gone once the note is signed: the keyboard goes to the note's heading, which now says so.
      window.requestAnimationFrame(() => headingRef.current?.focus());
    },
  });
  const add = useMutation({ mutationFn: () => client['notes.addAddendum']({ noteId, text: addendum, addendumId: crypto.randomUUID() }), onSuccess: (n) => (refresh(n), setAddendum('')) });
  const print = useMutation({
    mutationFn: async () => {
      const pdf = await client['chairside.print']({ kind: 'note', patientId, noteId, language });
      return savePdf(pdf.fileName, pdf.pdfBase64);
    },
  });
  return (
    <QueryState query={note}>
      {(n) => {
        if (n.conflict && n.status === 'draft' && canWrite) return <ConflictView note={n} patientId={patientId} onResolved={() => void note.refetch()} />;
        const version = n.signedVersion ?? n.heads[0];
        return (
          <section className="note-view card" aria-labelledby="note-view-title">
            <h3 id="note-view-title" ref={headingRef} tabIndex={-1} className="card-title">
              {n.title || t('notes.untitled')} · {time.day(n.visitDate)} <span className={n.status === 'signed' ? 'badge badge-success' : 'badge'}>{t(`notes.status.${n.status}`)}</span>
            </h3>
            {n.status === 'signed' ? <p className="muted">{t('notes.signedBy', { name: n.signedByName ?? '—', at: n.signedAt ? time.dateTime(n.signedAt) : '—' })}</p> : null}
            {version?.content.sections.map((s) => (
              <div key={s.key} className="note-section">
                <strong>{s.heading}</strong>
                <p className="pre-line">{s.text || <span className="muted">—</span>}</p>
              </div>
            ))}
            {version && version.links.teeth.length ? <p>{t('notes.teeth', { teeth: version.links.teeth.map((x) => formatTooth(x, 'fdi')).join(', ') })}</p> : null}
            {n.addenda.length ? (
              <section aria-label={t('notes.addenda')}>
                <h4>{t('notes.addenda')}</h4>
                {n.addenda.map((a) => (
                  <div key={a.id} className="note-addendum">
                    <p className="muted">{t('notes.addendumBy', { name: a.signedByName ?? '—', at: time.dateTime(a.signedAt) })}</p>
                    <p className="pre-line">{a.text}</p>
                  </div>
                ))}
              </section>
            ) : null}
            {sign.isError ? <ErrorNotice error={sign.error} /> : null}
            {add.isError ? <ErrorNotice error={add.error} /> : null}
            <div className="chart-toolbar">
              {canWrite && n.status === 'draft' && version ? (
                <>
                  <Button
                    onClick={() =>
                      onEdit({ noteId: n.id, baseVersionId: version.id, title: n.title, templateId: n.templateId, sections: version.content.sections, findingIds: version.links.findingIds, teeth: version.links.teeth })
                    }
                  >
                    {t('notes.edit')}
                  </Button>
                  <Button variant="primary" busy={sign.isPending} onClick={() => setConfirming({ kind: 'sign', versionId: version.id })}>
                    {t('notes.sign')}
                  </Button>
                </>
              ) : null}
              <Button busy={print.isPending} onClick={() => print.mutate()}>
                {t('notes.print')}
              </Button>
            </div>
            {print.isError ? <ErrorNotice error={print.error} /> : null}
            {confirming ? (
              <ConfirmDialog
                title={t(confirming.kind === 'sign' ? 'notes.confirmSign.title' : 'notes.confirmAddendum.title')}
                confirmLabel={t(confirming.kind === 'sign' ? 'notes.confirmSign.confirm' : 'notes.confirmAddendum.confirm')}
                onCancel={() => setConfirming(null)}
                onConfirm={() => {
                  setConfirming(null);
                  if (confirming.kind === 'sign') sign.mutate(confirming.versionId);
                  else add.mutate();
                }}
              >
                <p>{t(confirming.kind === 'sign' ? 'notes.confirmSign.locks' : 'notes.confirmAddendum.locks')}</p>
                <p>{t(confirming.kind === 'sign' ? 'notes.confirmSign.addenda' : 'notes.confirmAddendum.addenda')}</p>
              </ConfirmDialog>
            ) : null}
            <SavedFileNotice file={print.data} />
            {canWrite && n.status === 'signed' ? (
              <form
                className="note-addendum-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (addendum.trim()) setConfirming({ kind: 'addendum' });
                }}
              >
                <label className="note-section">
                  <span>{t('notes.addendum')}</span>
                  <textarea maxLength={maxLengthAt(contract['notes.addAddendum'].input, 'text')} rows={2} value={addendum} onChange={(e) => setAddendum(e.target.value)} />
                </label>
                <Button type="submit" busy={add.isPending}>
                  {t('notes.addAddendum')}
                </Button>
              </form>
            ) : null}
          </section>
        );
      }}
    </QueryState>
  );
}
