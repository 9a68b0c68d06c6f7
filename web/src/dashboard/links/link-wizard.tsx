// The link wizard, for a new link and for changing one: steps with a step
// indicator, checks before moving on, and on save one request for the link and
// its questions (saved together or not at all); a server problem sends the
// owner back to the step and field it is about. The step is in the address
// (?step=…), so the browser's Back and Forward move between steps and a reload
// stays; the unsaved draft is kept for the tab, and leaving it asks first.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Link, useLocation, useSearch } from "wouter";
import { api, isProblem, unwrap } from "../../api/client";
import { focusFirstError } from "../../components/form-field";
import { ConfirmDialog } from "../../components/dialog";
import { ErrorText, Notice } from "../../components/notice";
import { Skeleton } from "../../components/skeleton";
import { useOwner } from "../session";
import { TEMPLATES_KEY, useLink, useRememberLink, useTemplates, LINKS_KEY, type Link as SavedLink, type Template } from "./link-api";
import { AvailabilityStep } from "./wizard/availability-step";
import { BasicsStep } from "./wizard/basics-step";
import { draftFromLink, linkBodyOf, newDraft, templateQuestionsOf, type Draft } from "./wizard/draft";
import { checkStep, serverErrorsOf, STEPS, type FieldErrors, type StepId } from "./wizard/draft-rules";
import { forgetDraft, keepDraft, readKeptDraft } from "./wizard/draft-session";
import { DurationsStep } from "./wizard/durations-step";
import { HostsStep } from "./wizard/hosts-step";
import { useLeaveGuard, type HeldLeave } from "./wizard/leave-guard";
import { LimitsStep } from "./wizard/limits-step";
import { QuestionsStep } from "./wizard/questions-step";
import { ReviewStep } from "./wizard/review-step";
import type { StepProps } from "./wizard/step-props";
import "./links.css";

export default function LinkWizard({ linkId }: { linkId?: string }) {
  const owner = useOwner();
  const link = useLink(linkId);
  const templates = useTemplates();
  if (!linkId) return <WizardForm initial={newDraft(owner.user.timeZone, owner.user.weeklyHours)} />;
  if (link.error || templates.error) {
    return isProblem(link.error, "NOT_FOUND") ? (
      <Notice tone="neutral" title="This link does not exist">
        <p>It may have been deleted.</p>
        <Link href="/links">Back to your links</Link>
      </Notice>
    ) : (
      <ErrorText error={link.error ?? templates.error} />
    );
  }
  if (!link.data || !templates.data) {
    return (
      <div className="stack" aria-busy="true">
        <Skeleton width="50%" height="2rem" />
        <Skeleton height="3rem" />
        <Skeleton height="20rem" radius="12px" />
      </div>
    );
  }
  return <WizardForm key={link.data.id} initial={draftFromLink(link.data, templates.data)} saved={link.data} />;
}

const indexOf = (step: StepId) => STEPS.findIndex((candidate) => candidate.id === step);

/** What each step shows; a new step is a line in STEPS (draft-rules.ts) and one here. */
const STEP_VIEWS: Record<StepId, (props: StepProps & { linkId: string | undefined; onEdit(step: StepId): void }) => ReactNode> = {
  basics: (props) => <BasicsStep {...props} />,
  hosts: (props) => <HostsStep {...props} />,
  availability: (props) => <AvailabilityStep {...props} />,
  durations: (props) => <DurationsStep {...props} />,
  limits: (props) => <LimitsStep {...props} />,
  questions: (props) => <QuestionsStep {...props} />,
  review: ({ draft, onEdit }) => <ReviewStep draft={draft} onEdit={onEdit} />,
};

/** The step the address asks for (?step=…), or -1. */
function stepIndexIn(search: string): number {
  const id = new URLSearchParams(search).get("step");
  return STEPS.findIndex((candidate) => candidate.id === id);
}

function WizardForm({ initial, saved }: { initial: Draft; saved?: SavedLink }) {
  const isEditing = Boolean(saved);
  const [kept] = useState(() => readKeptDraft(saved?.id));
  const [draft, setDraft] = useState(kept?.draft ?? initial);
  const [furthest, setFurthest] = useState(kept?.furthest ?? (isEditing ? STEPS.length - 1 : 0));
  const [location, navigate] = useLocation();
  const search = useSearch();
  const asked = stepIndexIn(search);
  // A step not reached yet (an address typed or kept from another draft) shows the furthest one reached.
  const stepIndex = asked < 0 ? 0 : Math.min(asked, furthest);
  const showStep = (index: number, { replace = false } = {}) => navigate(`${location}?step=${STEPS[index]!.id}`, { replace });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverErrorKeys, setServerErrorKeys] = useState<Set<string>>(new Set());
  const [generalErrors, setGeneralErrors] = useState<Partial<Record<StepId, string[]>>>({});
  const [isSaving, setIsSaving] = useState(false);
  const [errorKeysToFocus, setErrorKeysToFocus] = useState<string[] | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const isFirstRender = useRef(true);
  const queryClient = useQueryClient();
  const remember = useRememberLink();
  const [isDirty, setIsDirty] = useState(kept !== null);
  const [heldLeave, setHeldLeave] = useState<HeldLeave | null>(null);
  const step = STEPS[stepIndex]!;
  // The step errors were found for; a step reached by Back or Forward starts clean.
  const [errorsStep, setErrorsStep] = useState<StepId>(step.id);

  useEffect(() => {
    if (asked !== stepIndex) showStep(stepIndex, { replace: true });
    // Only the address decides: showStep is new on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [asked, stepIndex]);

  useEffect(() => {
    if (isDirty && !isSaving) keepDraft(saved?.id, { draft, furthest });
  }, [draft, furthest, isDirty, isSaving, saved?.id]);

  useLeaveGuard(isDirty && !isSaving, setHeldLeave);

  useEffect(() => {
    if (isFirstRender.current) {
      isFirstRender.current = false;
      return;
    }
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: "nearest" });
  }, [stepIndex]);

  useEffect(() => {
    if (errorKeysToFocus) focusFirstError(errorKeysToFocus);
  }, [errorKeysToFocus]);

  /**
   * Changes the draft. Errors already shown go away as soon as they are fixed
   * (no new ones appear while typing); a server's error on a field stays until
   * that field changes.
   */
  const update = (change: (current: Draft) => Draft) => {
    const next = change(draft);
    setDraft(next);
    setIsDirty(true);
    if (Object.keys(errors).length === 0) return;
    const stillWrong = checkStep(step.id, next, isEditing);
    const isUnchangedServerError = (key: string) => serverErrorKeys.has(key) && key in next && next[key as keyof Draft] === draft[key as keyof Draft];
    setErrors(Object.fromEntries(Object.entries(errors).flatMap(([key, message]) => (key in stillWrong ? [[key, stillWrong[key]!]] : isUnchangedServerError(key) ? [[key, message]] : []))));
  };

  const showErrors = (found: FieldErrors, onStep: StepId, fromServer = false) => {
    setErrors(found);
    setErrorsStep(onStep);
    setServerErrorKeys(new Set(fromServer ? Object.keys(found) : []));
    setErrorKeysToFocus(Object.keys(found));
  };

  const goTo = (target: number) => {
    // Moving forward checks every step passed on the way; moving back never blocks.
    for (let i = stepIndex; i < target; i++) {
      const found = checkStep(STEPS[i]!.id, draft, isEditing);
      if (Object.keys(found).length > 0) {
        if (i !== stepIndex) showStep(i);
        showErrors(found, STEPS[i]!.id);
        return;
      }
    }
    setErrors({});
    setErrorKeysToFocus(null);
    setFurthest((current) => Math.max(current, target));
    if (target !== stepIndex) showStep(target);
  };

  const save = async () => {
    for (let i = 0; i < STEPS.length; i++) {
      const found = checkStep(STEPS[i]!.id, draft, isEditing);
      if (Object.keys(found).length > 0) {
        if (i !== stepIndex) showStep(i);
        showErrors(found, STEPS[i]!.id);
        return;
      }
    }
    setIsSaving(true);
    setGeneralErrors({});
    try {
      const { templateId, ...questions } = linkQuestionsOf(draft);
      const body = { ...linkBodyOf(draft, templateId), ...questions };
      const link = saved
        ? await unwrap(api.PATCH("/api/v1/links/{id}", { params: { path: { id: saved.id } }, body }))
        : await unwrap(api.POST("/api/v1/links", { body }));
      forgetDraft(saved?.id);
      remember(link);
      await queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY });
      await queryClient.invalidateQueries({ queryKey: LINKS_KEY, exact: true });
      navigate(`/links/${link.id}?saved=${saved ? "updated" : "created"}`);
    } catch (error) {
      const mapped = serverErrorsOf(error, draft);
      setGeneralErrors(mapped.byStep);
      if (indexOf(mapped.firstStep) !== stepIndex) showStep(indexOf(mapped.firstStep));
      showErrors(mapped.fields, mapped.firstStep, true);
      setIsSaving(false);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (isSaving) return;
    if (step.id === "review") void save();
    else goTo(stepIndex + 1);
  };

  const shownErrors = errorsStep === step.id ? errors : {};
  const errorCount = Object.keys(shownErrors).length;
  const general = generalErrors[step.id] ?? [];
  const StepView = STEP_VIEWS[step.id];

  return (
    <div className="wizard stack">
      <div className="spread">
        <h1>{saved ? `Edit “${saved.title}”` : "New booking link"}</h1>
        <Link href={saved ? `/links/${saved.id}` : "/links"} className="button ghost small">
          Cancel
        </Link>
      </div>
      <nav aria-label="Steps of the link wizard">
        <ol className="steps">
          {STEPS.map((candidate, index) => {
            const isCurrent = index === stepIndex;
            const isReachable = index <= furthest || index === stepIndex + 1;
            const state = isCurrent ? "current" : index < stepIndex || index <= furthest ? "visited" : "upcoming";
            return (
              <li key={candidate.id} className="step" data-state={state}>
                <button type="button" className="step-button" aria-current={isCurrent ? "step" : undefined} disabled={!isReachable || isSaving} onClick={() => goTo(index)}>
                  <span className="step-number" aria-hidden="true">
                    {index + 1}
                  </span>
                  <span className="step-title">
                    <span className="visually-hidden">Step {index + 1}: </span>
                    {candidate.title}
                  </span>
                </button>
              </li>
            );
          })}
        </ol>
      </nav>
      <form className="card wizard-card" noValidate onSubmit={onSubmit} aria-labelledby="wizard-step-heading">
        <h2 id="wizard-step-heading" ref={heading} tabIndex={-1}>
          <span className="muted step-of">
            Step {stepIndex + 1} of {STEPS.length}
          </span>{" "}
          {step.title}
        </h2>
        {errorCount > 0 || general.length > 0 ? (
          <div className="notice notice-danger wizard-errors" role="alert">
            {errorCount > 0 ? <p>{errorCount === 1 ? "One thing needs fixing on this step." : `${errorCount} things need fixing on this step.`}</p> : null}
            {general.length > 0 ? (
              <ul>
                {general.map((message) => (
                  <li key={message}>{message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <StepView draft={draft} update={update} errors={shownErrors} isEditing={isEditing} linkId={saved?.id} onEdit={(target) => goTo(indexOf(target))} />
        <div className="wizard-nav">
          {stepIndex > 0 ? (
            <button type="button" className="button" onClick={() => goTo(stepIndex - 1)} disabled={isSaving}>
              Back
            </button>
          ) : (
            <span />
          )}
          <button type="submit" className="button primary" disabled={isSaving}>
            {step.id !== "review" ? "Next" : isSaving ? "Saving…" : saved ? "Save changes" : "Create link"}
          </button>
        </div>
      </form>
      <ConfirmDialog
        isOpen={heldLeave !== null}
        title="Leave without saving?"
        confirmLabel="Leave and discard"
        cancelLabel="Keep editing"
        onClose={() => setHeldLeave(null)}
        onConfirm={async () => {
          forgetDraft(saved?.id);
          heldLeave?.proceed();
        }}
      >
        <p>{saved ? "Your changes to this link are not saved yet." : "This link is not created yet."} Leaving now discards what you entered.</p>
      </ConfirmDialog>
    </div>
  );
}

/**
 * The template the link asks its questions from, and the questions to save into
 * it with the link: a new set is made by the server in the link's own
 * transaction, an edited set changes the chosen template there.
 */
function linkQuestionsOf(draft: Draft): { templateId: string | null; questions?: Template["questions"]; templateName?: string } {
  if (draft.templateChoice === "none" || (draft.templateChoice === "new" && draft.questions.length === 0)) return { templateId: null };
  const templateName = draft.templateName.trim() || `${draft.title.trim()} questions`;
  if (draft.templateChoice === "new") return { templateId: null, questions: templateQuestionsOf(draft.questions), templateName };
  if (draft.areQuestionsEdited) return { templateId: draft.templateChoice, questions: templateQuestionsOf(draft.questions), templateName };
  return { templateId: draft.templateChoice };
}
