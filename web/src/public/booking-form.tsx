// The invitee's details and the link's questions (every type the server
// supports), validated here before the server sees them; errors sit next to
// their fields and the first one takes focus.
import { useId, type FormEvent, type ReactNode, type Ref } from "react";
import { answerField, type AnswerValue, type FieldErrors, type FormValues } from "./booking-form-model";
import { useI18n } from "./i18n/i18n";
import type { Question } from "./public-api";

type BookingFormProps = {
  questions: Question[];
  values: FormValues;
  /** The new values and the field that changed ("name", "answers.size"…). */
  onChange(values: FormValues, field: string): void;
  errors: FieldErrors;
  onSubmit(): void;
  isSubmitting: boolean;
  /** "Tuesday 24 November, 10:00–10:30": what the button books. */
  summary: string;
  formRef?: Ref<HTMLFormElement>;
  headingRef?: Ref<HTMLHeadingElement>;
  submitRef?: Ref<HTMLButtonElement>;
  /** Messages above the button (a taken slot, a server error). */
  children?: ReactNode;
};

/** Focuses the first control whose field has an error, in the form's order. */
export function focusFirstError(form: HTMLFormElement | null, errors: FieldErrors) {
  const first = [...(form?.querySelectorAll<HTMLElement>("[name]") ?? [])].find((element) => element.getAttribute("name")! in errors);
  first?.focus();
}

export function BookingForm({ questions, values, onChange, errors, onSubmit, isSubmitting, summary, formRef, headingRef, submitRef, children }: BookingFormProps) {
  const id = useId();
  const { t } = useI18n();
  const set = (patch: Partial<FormValues>) => onChange({ ...values, ...patch }, Object.keys(patch)[0]!);
  const setAnswer = (question: Question, value: AnswerValue) => onChange({ ...values, answers: { ...values.answers, [question.id]: value } }, answerField(question));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };

  return (
    <form className="booking-form stack" ref={formRef} onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <div>
        <h2 id={`${id}-heading`} ref={headingRef} tabIndex={-1}>
          {t.yourDetails}
        </h2>
        <p id={`${id}-summary`} className="form-summary muted small">
          {summary}
        </p>
      </div>
      <TextField id={`${id}-name`} name="name" label={t.yourName} isRequired value={values.name} onChange={(name) => set({ name })} error={errors.name} autoComplete="name" />
      <TextField
        id={`${id}-email`}
        name="email"
        type="email"
        label={t.email}
        isRequired
        value={values.email}
        onChange={(email) => set({ email })}
        error={errors.email}
        autoComplete="email"
        hint={t.emailHint}
      />
      {questions.map((question) => (
        <QuestionField key={question.id} id={`${id}-q-${question.id}`} question={question} value={values.answers[question.id]} onChange={(value) => setAnswer(question, value)} error={errors[answerField(question)]} />
      ))}
      <TextField
        id={`${id}-guests`}
        name="guests"
        label={t.guests}
        value={values.guests}
        onChange={(guests) => set({ guests })}
        error={errors.guests}
        hint={t.guestsHint}
        autoComplete="off"
      />
      <TextField id={`${id}-notes`} name="notes" label={t.notes} multiline value={values.notes} onChange={(notes) => set({ notes })} error={errors.notes} maxLength={5000} />
      {children}
      <button type="submit" className="button primary wide" ref={submitRef} disabled={isSubmitting} aria-describedby={`${id}-summary`}>
        {isSubmitting ? t.booking : t.confirmBooking}
      </button>
    </form>
  );
}

type TextFieldProps = {
  id: string;
  name: string;
  label: string;
  value: string;
  onChange(value: string): void;
  error: string | undefined;
  isRequired?: boolean;
  hint?: string;
  type?: "text" | "email" | "tel";
  multiline?: boolean;
  autoComplete?: string;
  maxLength?: number;
};

function describedBy(id: string, error: string | undefined, hint: string | undefined) {
  return [error ? `${id}-error` : "", hint ? `${id}-hint` : ""].filter(Boolean).join(" ") || undefined;
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p id={`${id}-error`} className="error-text">
      {error}
    </p>
  ) : null;
}

function LabelText({ label, isRequired }: { label: string; isRequired: boolean | undefined }) {
  const { t } = useI18n();
  return (
    <>
      {label}
      {!isRequired && <span className="optional"> {t.optional}</span>}
    </>
  );
}

function TextField({ id, name, label, value, onChange, error, isRequired, hint, type = "text", multiline, autoComplete, maxLength }: TextFieldProps) {
  const common = {
    id,
    name,
    value,
    required: isRequired,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, error, hint),
    autoComplete,
    maxLength,
  };
  return (
    <div className="field">
      <label htmlFor={id}>
        <LabelText label={label} isRequired={isRequired} />
      </label>
      {multiline ? <textarea {...common} onChange={(event) => onChange(event.target.value)} /> : <input {...common} type={type} onChange={(event) => onChange(event.target.value)} />}
      <FieldError id={id} error={error} />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}

/** More options than this become a drop-down instead of radio buttons. */
const MAX_RADIOS = 6;

function QuestionField({ id, question, value, onChange, error }: { id: string; question: Question; value: AnswerValue | undefined; onChange(value: AnswerValue): void; error: string | undefined }) {
  const { t } = useI18n();
  const name = answerField(question);
  const invalid = error ? true : undefined;
  const options = question.options ?? [];
  switch (question.type) {
    case "long_text":
      return <TextField id={id} name={name} label={question.label} isRequired={question.isRequired} value={typeof value === "string" ? value : ""} onChange={onChange} error={error} multiline maxLength={5000} />;
    case "email":
    case "phone":
    case "short_text":
      return (
        <TextField
          id={id}
          name={name}
          label={question.label}
          isRequired={question.isRequired}
          value={typeof value === "string" ? value : ""}
          onChange={onChange}
          error={error}
          type={question.type === "email" ? "email" : question.type === "phone" ? "tel" : "text"}
          autoComplete={question.type === "phone" ? "tel" : undefined}
          maxLength={question.type === "short_text" ? 500 : undefined}
        />
      );
    case "checkbox":
      return (
        <div className="field">
          <label className="check">
            <input type="checkbox" id={id} name={name} checked={value === true} required={question.isRequired} aria-invalid={invalid} aria-describedby={describedBy(id, error, undefined)} onChange={(event) => onChange(event.target.checked)} />
            <span>
              <LabelText label={question.label} isRequired={question.isRequired} />
            </span>
          </label>
          <FieldError id={id} error={error} />
        </div>
      );
    case "single_choice":
      if (options.length > MAX_RADIOS) {
        return (
          <div className="field">
            <label htmlFor={id}>
              <LabelText label={question.label} isRequired={question.isRequired} />
            </label>
            <select id={id} name={name} value={typeof value === "string" ? value : ""} required={question.isRequired} aria-invalid={invalid} aria-describedby={describedBy(id, error, undefined)} onChange={(event) => onChange(event.target.value)}>
              <option value="">{t.choose}</option>
              {options.map((option) => (
                <option key={option}>{option}</option>
              ))}
            </select>
            <FieldError id={id} error={error} />
          </div>
        );
      }
      return (
        <ChoiceGroup id={id} question={question} error={error}>
          {options.map((option, i) => (
            <label className="check" key={option}>
              <input type="radio" name={name} value={option} checked={value === option} required={question.isRequired} aria-invalid={invalid} id={i === 0 ? id : undefined} onChange={() => onChange(option)} />
              <span>{option}</span>
            </label>
          ))}
        </ChoiceGroup>
      );
    case "multiple_choice": {
      const picked = Array.isArray(value) ? value : [];
      return (
        <ChoiceGroup id={id} question={question} error={error}>
          {options.map((option) => (
            <label className="check" key={option}>
              <input
                type="checkbox"
                name={name}
                value={option}
                checked={picked.includes(option)}
                aria-invalid={invalid}
                onChange={(event) => onChange(event.target.checked ? options.filter((o) => o === option || picked.includes(o)) : picked.filter((o) => o !== option))}
              />
              <span>{option}</span>
            </label>
          ))}
        </ChoiceGroup>
      );
    }
    default:
      return <TextField id={id} name={name} label={question.label} isRequired={question.isRequired} value={typeof value === "string" ? value : ""} onChange={onChange} error={error} />;
  }
}

function ChoiceGroup({ id, question, error, children }: { id: string; question: Question; error: string | undefined; children: ReactNode }) {
  return (
    <fieldset className="field choice-group" aria-describedby={describedBy(id, error, undefined)}>
      <legend className="label">
        <LabelText label={question.label} isRequired={question.isRequired} />
      </legend>
      {children}
      <FieldError id={id} error={error} />
    </fieldset>
  );
}
