import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PROVIDER_KINDS } from '../../shared/contract/schedule';
import type { Provider } from '../../shared/contract/schedule';
import { useClient } from '../app/client';
import { useAppStatus } from '../app/status';
import { Button } from '../ui/Button';
import { Field } from '../ui/Field';
import { fieldErrors } from '../ui/errors';
import { fullName } from '../ui/format';
import { QueryState } from '../ui/QueryState';
import { useAppointmentTypes, useOperatories, useProviders } from '../schedule-lists/shared';
import { CallError, ColourInput, Swatch, useScheduleMutation } from './common';

/* ------------------------------------------------------------ chairs */

export function OperatoriesSection() {
  const { t } = useTranslation();
  const client = useClient();
  const list = useOperatories(true);
  const [name, setName] = useState('');
  const create = useScheduleMutation(() => client['schedule.operatories.create']({ name }), () => setName(''));
  const update = useScheduleMutation((input: { id: string; name?: string; sortOrder?: number; active?: boolean }) => client['schedule.operatories.update'](input));
  const errors = fieldErrors(create.error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(undefined);
  };
  return (
    <div className="sl-stack">
      <QueryState query={list}>
        {(rows) => (
          <div className="table-wrap">
            <table className="table table-dense">
              <caption className="sr-only">{t('scheduleAdmin.operatories.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scheduleAdmin.operatories.name')}</th>
                  <th scope="col">{t('scheduleAdmin.common.state')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('scheduleAdmin.common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((o, i) => (
                  <OperatoryRow
                    key={o.id}
                    operatory={o}
                    first={i === 0}
                    last={i === rows.length - 1}
                    onUpdate={(input) => update.mutate({ id: o.id, ...input })}
                    onMove={(delta) => {
                      const other = rows[i + delta];
                      if (!other) return;
                      // Swap places; equal orders (never reordered yet) take their row positions.
                      const mine = other.sortOrder === o.sortOrder ? i + delta : other.sortOrder;
                      const theirs = other.sortOrder === o.sortOrder ? i : o.sortOrder;
                      update.mutate({ id: o.id, sortOrder: mine });
                      update.mutate({ id: other.id, sortOrder: theirs });
                    }}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      <CallError error={update.error} />
      <form className="sa-row" onSubmit={onSubmit} noValidate aria-label={t('scheduleAdmin.operatories.add')}>
        <Field label={t('scheduleAdmin.operatories.newName')} error={errors.name}>
          {(control) => <input {...control} className="input" value={name} onChange={(e) => setName(e.target.value)} />}
        </Field>
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t('scheduleAdmin.operatories.add')}
        </Button>
      </form>
      <CallError error={create.error} shown={['name']} />
    </div>
  );
}

function OperatoryRow({
  operatory,
  first,
  last,
  onUpdate,
  onMove,
}: {
  operatory: { id: string; name: string; sortOrder: number; active: boolean };
  first: boolean;
  last: boolean;
  onUpdate: (input: { name?: string; active?: boolean }) => void;
  onMove: (delta: number) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(operatory.name);
  return (
    <tr>
      <td>
        <input className="input" aria-label={t('scheduleAdmin.operatories.nameOf', { name: operatory.name })} value={name} onChange={(e) => setName(e.target.value)} />
      </td>
      <td>{operatory.active ? t('scheduleAdmin.common.active') : t('scheduleAdmin.common.inactive')}</td>
      <td className="num sl-row-actions">
        <Button size="sm" variant="ghost" aria-label={t('scheduleAdmin.operatories.renameOf', { name: operatory.name })} onClick={() => name.trim() && onUpdate({ name })}>
          {t('scheduleAdmin.common.save')}
        </Button>
        <Button size="sm" variant="ghost" aria-label={t('scheduleAdmin.common.moveUp', { name: operatory.name })} aria-disabled={first || undefined} onClick={() => !first && onMove(-1)}>
          ↑
        </Button>
        <Button size="sm" variant="ghost" aria-label={t('scheduleAdmin.common.moveDown', { name: operatory.name })} aria-disabled={last || undefined} onClick={() => !last && onMove(1)}>
          ↓
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onUpdate({ active: !operatory.active })} aria-label={t(operatory.active ? 'scheduleAdmin.common.deactivateOf' : 'scheduleAdmin.common.activateOf', { name: operatory.name })}>
          {operatory.active ? t('scheduleAdmin.common.deactivate') : t('scheduleAdmin.common.activate')}
        </Button>
      </td>
    </tr>
  );
}

/* ------------------------------------------------------------ providers */

const EMPTY_PROVIDER = { givenNames: '', firstSurname: '', secondSurname: '', kind: 'dentist' as Provider['kind'], colour: '#2f6fde', userId: '', defaultOperatoryId: '' };

export function ProvidersSection() {
  const { t } = useTranslation();
  const client = useClient();
  const status = useAppStatus();
  const list = useProviders(true);
  const operatories = useOperatories();
  const canUsers = status.session?.permissions.includes('users.manage') ?? false;
  const users = useQuery({ queryKey: ['schedule', 'setup', 'users'], queryFn: () => client['users.list']({}), enabled: canUsers });
  const [draft, setDraft] = useState(EMPTY_PROVIDER);
  const create = useScheduleMutation(
    () =>
      client['schedule.providers.create']({
        ...draft,
        userId: draft.userId || null,
        defaultOperatoryId: draft.defaultOperatoryId || null,
        sortOrder: list.data?.length ?? 0,
      }),
    () => setDraft(EMPTY_PROVIDER),
  );
  const update = useScheduleMutation((input: { id: string } & Partial<{ colour: string; kind: Provider['kind']; userId: string | null; defaultOperatoryId: string | null; active: boolean }>) =>
    client['schedule.providers.update'](input),
  );
  const errors = fieldErrors(create.error);
  const set = (patch: Partial<typeof EMPTY_PROVIDER>) => setDraft({ ...draft, ...patch });

  return (
    <div className="sl-stack">
      <QueryState query={list}>
        {(rows) => (
          <div className="table-wrap">
            <table className="table table-dense">
              <caption className="sr-only">{t('scheduleAdmin.providers.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scheduleAdmin.providers.name')}</th>
                  <th scope="col">{t('scheduleAdmin.providers.colour')}</th>
                  <th scope="col">{t('scheduleAdmin.providers.kind')}</th>
                  <th scope="col">{t('scheduleAdmin.providers.user')}</th>
                  <th scope="col">{t('scheduleAdmin.providers.defaultOperatory')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('scheduleAdmin.common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Swatch colour={p.colour} />
                      {fullName(p)}
                      {p.active ? null : <span className="badge badge-inline">{t('scheduleAdmin.common.inactive')}</span>}
                    </td>
                    <td>
                      <ColourInput label={t('scheduleAdmin.providers.colourOf', { name: p.displayName })} value={p.colour} onChange={(colour) => update.mutate({ id: p.id, colour })} />
                    </td>
                    <td>
                      <select className="select select-compact" aria-label={t('scheduleAdmin.providers.kindOf', { name: p.displayName })} value={p.kind} onChange={(e) => update.mutate({ id: p.id, kind: e.target.value as Provider['kind'] })}>
                        {PROVIDER_KINDS.map((k) => (
                          <option key={k} value={k}>
                            {t(`scheduleAdmin.kinds.${k}`)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select className="select select-compact" aria-label={t('scheduleAdmin.providers.userOf', { name: p.displayName })} value={p.userId ?? ''} onChange={(e) => update.mutate({ id: p.id, userId: e.target.value || null })}>
                        <option value="">{t('scheduleAdmin.providers.noUser')}</option>
                        {users.data?.map((u) => (
                          <option key={u.id} value={u.id}>
                            {fullName(u)}
                          </option>
                        ))}
                        {p.userId && !users.data?.some((u) => u.id === p.userId) ? <option value={p.userId}>{t('scheduleAdmin.providers.linked')}</option> : null}
                      </select>
                    </td>
                    <td>
                      <select
                        className="select select-compact"
                        aria-label={t('scheduleAdmin.providers.defaultOperatoryOf', { name: p.displayName })}
                        value={p.defaultOperatoryId ?? ''}
                        onChange={(e) => update.mutate({ id: p.id, defaultOperatoryId: e.target.value || null })}
                      >
                        <option value="">{t('scheduleAdmin.providers.noOperatory')}</option>
                        {operatories.data?.map((o) => (
                          <option key={o.id} value={o.id}>
                            {o.name}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className="num">
                      <Button size="sm" variant="ghost" onClick={() => update.mutate({ id: p.id, active: !p.active })} aria-label={t(p.active ? 'scheduleAdmin.common.deactivateOf' : 'scheduleAdmin.common.activateOf', { name: p.displayName })}>
                        {p.active ? t('scheduleAdmin.common.deactivate') : t('scheduleAdmin.common.activate')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      <CallError error={update.error} />
      <form
        className="sl-form"
        noValidate
        aria-label={t('scheduleAdmin.providers.add')}
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(undefined);
        }}
      >
        <h3 className="section-title">{t('scheduleAdmin.providers.add')}</h3>
        <div className="form-grid form-grid-3">
          <Field label={t('person.givenNames')} error={errors.givenNames}>
            {(control) => <input {...control} className="input" value={draft.givenNames} onChange={(e) => set({ givenNames: e.target.value })} />}
          </Field>
          <Field label={t('person.firstSurname')} error={errors.firstSurname}>
            {(control) => <input {...control} className="input" value={draft.firstSurname} onChange={(e) => set({ firstSurname: e.target.value })} />}
          </Field>
          <Field label={t('person.secondSurname')} optional error={errors.secondSurname}>
            {(control) => <input {...control} className="input" value={draft.secondSurname} onChange={(e) => set({ secondSurname: e.target.value })} />}
          </Field>
          <Field label={t('scheduleAdmin.providers.kind')}>
            {(control) => (
              <select {...control} className="select" value={draft.kind} onChange={(e) => set({ kind: e.target.value as Provider['kind'] })}>
                {PROVIDER_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`scheduleAdmin.kinds.${k}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('scheduleAdmin.providers.colour')} error={errors.colour}>
            {(control) => <input {...control} type="color" className="sa-colour" value={draft.colour} onChange={(e) => set({ colour: e.target.value })} />}
          </Field>
          <Field label={t('scheduleAdmin.providers.defaultOperatory')} optional="quiet">
            {(control) => (
              <select {...control} className="select" value={draft.defaultOperatoryId} onChange={(e) => set({ defaultOperatoryId: e.target.value })}>
                <option value="">{t('scheduleAdmin.providers.noOperatory')}</option>
                {operatories.data?.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {canUsers ? (
            <Field label={t('scheduleAdmin.providers.user')} optional="quiet" error={errors.userId}>
              {(control) => (
                <select {...control} className="select" value={draft.userId} onChange={(e) => set({ userId: e.target.value })}>
                  <option value="">{t('scheduleAdmin.providers.noUser')}</option>
                  {users.data?.map((u) => (
                    <option key={u.id} value={u.id}>
                      {fullName(u)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ) : null}
        </div>
        <CallError error={create.error} shown={['givenNames', 'firstSurname', 'secondSurname', 'colour', 'userId']} />
        <div className="form-actions form-actions-start">
          <Button type="submit" variant="primary" busy={create.isPending}>
            {t('scheduleAdmin.providers.addButton')}
          </Button>
        </div>
      </form>
    </div>
  );
}

/* ------------------------------------------------------------ appointment types */

export function TypesSection() {
  const { t } = useTranslation();
  const client = useClient();
  const list = useAppointmentTypes(true);
  const [draft, setDraft] = useState({ name: '', duration: '30', colour: '#4c9f70' });
  const create = useScheduleMutation(
    () => client['schedule.types.create']({ name: draft.name, durationMin: Number(draft.duration), colour: draft.colour }),
    () => setDraft({ name: '', duration: '30', colour: '#4c9f70' }),
  );
  const update = useScheduleMutation((input: { id: string; durationMin?: number; colour?: string; active?: boolean }) => client['schedule.types.update'](input));
  const errors = fieldErrors(create.error);
  return (
    <div className="sl-stack">
      <QueryState query={list}>
        {(rows) => (
          <div className="table-wrap">
            <table className="table table-dense">
              <caption className="sr-only">{t('scheduleAdmin.types.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('scheduleAdmin.types.name')}</th>
                  <th scope="col">{t('scheduleAdmin.types.duration')}</th>
                  <th scope="col">{t('scheduleAdmin.types.colour')}</th>
                  <th scope="col">
                    <span className="sr-only">{t('scheduleAdmin.common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((x) => (
                  <tr key={x.id}>
                    <td>
                      <Swatch colour={x.colour} />
                      {x.name}
                      {x.active ? null : <span className="badge badge-inline">{t('scheduleAdmin.common.inactive')}</span>}
                    </td>
                    <td>
                      <input
                        className="input input-narrow"
                        type="number"
                        min={5}
                        step={5}
                        aria-label={t('scheduleAdmin.types.durationOf', { name: x.name })}
                        defaultValue={x.durationMin}
                        onBlur={(e) => Number(e.target.value) !== x.durationMin && update.mutate({ id: x.id, durationMin: Number(e.target.value) })}
                      />
                    </td>
                    <td>
                      <ColourInput label={t('scheduleAdmin.types.colourOf', { name: x.name })} value={x.colour} onChange={(colour) => update.mutate({ id: x.id, colour })} />
                    </td>
                    <td className="num">
                      <Button size="sm" variant="ghost" onClick={() => update.mutate({ id: x.id, active: !x.active })} aria-label={t(x.active ? 'scheduleAdmin.common.deactivateOf' : 'scheduleAdmin.common.activateOf', { name: x.name })}>
                        {x.active ? t('scheduleAdmin.common.deactivate') : t('scheduleAdmin.common.activate')}
                      </Button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </QueryState>
      <CallError error={update.error} />
      <form
        className="sa-row"
        noValidate
        aria-label={t('scheduleAdmin.types.add')}
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(undefined);
        }}
      >
        <Field label={t('scheduleAdmin.types.name')} error={errors.name}>
          {(control) => <input {...control} className="input" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} />}
        </Field>
        <Field label={t('scheduleAdmin.types.duration')} error={errors.durationMin}>
          {(control) => <input {...control} className="input input-narrow" type="number" min={5} step={5} value={draft.duration} onChange={(e) => setDraft({ ...draft, duration: e.target.value })} />}
        </Field>
        <Field label={t('scheduleAdmin.types.colour')} error={errors.colour}>
          {(control) => <input {...control} type="color" className="sa-colour" value={draft.colour} onChange={(e) => setDraft({ ...draft, colour: e.target.value })} />}
        </Field>
        <Button type="submit" variant="primary" busy={create.isPending}>
          {t('scheduleAdmin.types.add')}
        </Button>
      </form>
      <CallError error={create.error} shown={['name', 'durationMin', 'colour']} />
    </div>
  );
}
