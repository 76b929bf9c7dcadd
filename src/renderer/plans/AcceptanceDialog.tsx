import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Notation } from '../../shared/chart/teeth';
import type { Plan } from '../../shared/contract/plans';
import { describeArea } from '../../shared/plans/where';
import { useClient } from '../app/client';
import { currentLanguage } from '../app/language';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { errorMessage } from '../ui/errors';
import { invalidatePlans } from './keys';
import { useMoney } from './money';
import { SignaturePad } from './SignaturePad';

type Decision = 'whole' | 'partial' | 'declined';
type How = 'drawn' | 'typed' | 'paper';

/** The patient's answer to a quote: all, some items or none, signed on screen, by typed name or on paper. */
export function AcceptanceDialog({ plan, numbering, patientName, onClose, onSaved }: { plan: Plan; numbering: Notation; patientName: string; onClose: () => void; onSaved: (message: string) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const queryClient = useQueryClient();
  const language = currentLanguage();
  const money = useMoney(plan.currency);
  const open = plan.items.filter((i) => i.status === 'planned');
  const [decision, setDecision] = useState<Decision>('whole');
  const [chosen, setChosen] = useState<Set<string>>(new Set(open.map((i) => i.id)));
  const [how, setHow] = useState<How>('drawn');
  const [signer, setSigner] = useState(patientName);
  const [png, setPng] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const save = useMutation({
    mutationFn: () => {
      const signature =
        decision === 'declined' ? { kind: 'none' as const, signerName: signer } : how === 'drawn' ? { kind: 'drawn' as const, signerName: signer, png: png ?? '' } : { kind: how, signerName: signer };
      return client['plans.accept']({ planId: plan.id, decision, itemIds: decision === 'partial' ? [...chosen] : [], signature });
    },
    onSuccess: async () => {
      await invalidatePlans(queryClient, plan.patientId);
      onSaved(t('plans.accept.saved'));
    },
    onError: (error) => setProblem(errorMessage(error)),
  });

  const submit = () => {
    setProblem(null);
    if (decision !== 'declined' && how === 'drawn' && !png) return setProblem(t('plans.accept.padRequired'));
    save.mutate();
  };

  return (
    <Dialog label={t('plans.accept.title')} onClose={onClose} className="plan-accept-dialog">
      <header className="dialog-header">
        <h2 className="dialog-title">{t('plans.accept.title')}</h2>
      </header>
      <form
        className="dialog-body stack"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <fieldset className="radio-group">
          <legend>{t('plans.accept.decision')}</legend>
          {(['whole', 'partial', 'declined'] as const).map((d) => (
            <label key={d} className="radio">
              <input type="radio" name="decision" value={d} checked={decision === d} onChange={() => setDecision(d)} />
              {t(`plans.accept.${d}`)}
            </label>
          ))}
        </fieldset>
        {decision === 'partial' ? (
          <fieldset className="checkbox-group">
            <legend>{t('plans.accept.items')}</legend>
            {open.map((item) => (
              <label key={item.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={chosen.has(item.id)}
                  onChange={(e) => {
                    const next = new Set(chosen);
                    if (e.target.checked) next.add(item.id);
                    else next.delete(item.id);
                    setChosen(next);
                  }}
                />
                {item.code} — {item.name[language]} · {describeArea(item.area, numbering, language)} · {money(item.patientMinor)}
              </label>
            ))}
          </fieldset>
        ) : null}
        {decision !== 'declined' ? (
          <>
            <fieldset className="radio-group">
              <legend>{t('plans.accept.how')}</legend>
              {(['drawn', 'typed', 'paper'] as const).map((h) => (
                <label key={h} className="radio">
                  <input type="radio" name="how" value={h} checked={how === h} onChange={() => setHow(h)} />
                  {t(`plans.accept.${h}`)}
                </label>
              ))}
            </fieldset>
            <div className="field">
              <label className="field-label" htmlFor={`signer-${plan.id}`}>
                {t('plans.accept.signerName')}
              </label>
              <input
                id={`signer-${plan.id}`}
                className={how === 'typed' ? 'signature-typed' : undefined}
                value={signer}
                onChange={(e) => setSigner(e.target.value)}
                required
                maxLength={160}
                aria-describedby={how === 'typed' ? `signer-hint-${plan.id}` : undefined}
              />
              {how === 'typed' ? (
                <span id={`signer-hint-${plan.id}`} className="field-hint">
                  {t('plans.accept.typedHint')}
                </span>
              ) : null}
            </div>
            {how === 'drawn' ? <SignaturePad onChange={setPng} /> : null}
            <p className="muted">{t('plans.accept.frozenNote')}</p>
          </>
        ) : null}
        {problem ? <Alert tone="error">{problem}</Alert> : null}
        <div className="confirm-actions">
          <Button variant="primary" type="submit" busy={save.isPending}>
            {decision === 'declined' ? t('plans.accept.saveDeclined') : t('plans.accept.save')}
          </Button>
          <Button onClick={onClose}>{t('plans.accept.cancel')}</Button>
        </div>
      </form>
    </Dialog>
  );
}
