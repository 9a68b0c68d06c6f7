// Step 5: the questions invitees answer when they book — a template of the
// organisation (chosen, changed or made here), with questions added, removed,
// reordered, typed, required or not, and the options of choice questions.
import { Field, fieldId } from "../../../components/form-field";
import { ErrorText } from "../../../components/notice";
import { useLinks, useTemplates, type QuestionType } from "../link-api";
import { newKey, questionsToDrafts, type Draft, type QuestionDraft } from "./draft";
import type { StepProps } from "./step-props";

const TYPE_LABELS: Record<QuestionType, string> = {
  short_text: "Short text",
  long_text: "Long text",
  email: "Email address",
  phone: "Phone number",
  single_choice: "One choice",
  multiple_choice: "Several choices",
  checkbox: "Checkbox (yes / no)",
};

const isChoice = (type: QuestionType) => type === "single_choice" || type === "multiple_choice";

function focusSoon(id: string) {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

export function QuestionsStep({ draft, update, errors, linkId }: StepProps & { linkId?: string | undefined }) {
  const templates = useTemplates();
  const links = useLinks();
  const chosen = templates.data?.find((template) => template.id === draft.templateChoice);
  const sharedWith = chosen ? (links.data ?? []).filter((link) => link.templateId === chosen.id && link.id !== linkId).length : 0;

  const choose = (choice: string) =>
    update((d): Draft => {
      if (choice === "none") return { ...d, templateChoice: "none", questions: [], areQuestionsEdited: false };
      if (choice === "new") return { ...d, templateChoice: "new", templateName: d.title.trim() ? `${d.title.trim()} questions` : "", areQuestionsEdited: true };
      const template = templates.data?.find((candidate) => candidate.id === choice);
      return { ...d, templateChoice: choice, templateName: template?.name ?? "", questions: questionsToDrafts(template?.questions ?? []), areQuestionsEdited: false };
    });

  const setQuestions = (change: (questions: QuestionDraft[]) => QuestionDraft[]) => update((d) => ({ ...d, questions: change(d.questions), areQuestionsEdited: true }));
  const setQuestion = (key: string, change: Partial<QuestionDraft>) => setQuestions((questions) => questions.map((question) => (question.key === key ? { ...question, ...change } : question)));
  const move = (index: number, by: -1 | 1, buttonId: string) => {
    setQuestions((questions) => {
      const next = [...questions];
      const [moved] = next.splice(index, 1);
      next.splice(index + by, 0, moved!);
      return next;
    });
    focusSoon(buttonId);
  };
  const add = () => {
    const key = newKey();
    update((d) => ({
      ...d,
      templateChoice: d.templateChoice === "none" ? "new" : d.templateChoice,
      templateName: d.templateChoice === "none" && d.title.trim() ? `${d.title.trim()} questions` : d.templateName,
      questions: [...d.questions, { key, id: "", label: "", type: "short_text", isRequired: false, optionsText: "" }],
      areQuestionsEdited: true,
    }));
    focusSoon(fieldId(`questions.${key}.label`));
  };

  return (
    <div className="stack">
      <p className="muted">Invitees always give their name and email. Ask anything else here.</p>
      <ErrorText error={templates.error} />
      <Field
        name="templateChoice"
        label="Question set"
        error={errors.templateChoice}
        hint={sharedWith > 0 ? `Also used by ${sharedWith} other link${sharedWith === 1 ? "" : "s"}: changes here apply there too.` : "Sets of questions can be shared by several links."}
      >
        {(control) => (
          <select {...control} value={draft.templateChoice} onChange={(event) => choose(event.target.value)} disabled={templates.isPending}>
            <option value="none">No questions</option>
            <option value="new">A new set of questions</option>
            {(templates.data ?? []).map((template) => (
              <option key={template.id} value={template.id}>
                {template.name} ({template.questions.length} question{template.questions.length === 1 ? "" : "s"})
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.templateChoice !== "none" ? (
        <Field name="templateName" label="Name of the set" error={errors.templateName} hint="Only you see it, when choosing a set for another link.">
          {(control) => (
            <input {...control} value={draft.templateName} maxLength={200} placeholder="Intake questions" onChange={(event) => update((d) => ({ ...d, templateName: event.target.value, areQuestionsEdited: true }))} />
          )}
        </Field>
      ) : null}
      {errors.questions ? <p className="error-text">{errors.questions}</p> : null}
      <ol className="question-list">
        {draft.questions.map((question, index) => {
          const key = `questions.${question.key}`;
          const number = index + 1;
          return (
            <li key={question.key} className="question card">
              <div className="spread">
                <h3 className="question-title">Question {number}</h3>
                <div className="row">
                  <button
                    type="button"
                    id={`${question.key}-up`}
                    className="button small ghost icon-button"
                    aria-label={`Move question ${number} up`}
                    disabled={index === 0}
                    onClick={() => move(index, -1, `${question.key}-up`)}
                  >
                    ↑
                  </button>
                  <button
                    type="button"
                    id={`${question.key}-down`}
                    className="button small ghost icon-button"
                    aria-label={`Move question ${number} down`}
                    disabled={index === draft.questions.length - 1}
                    onClick={() => move(index, 1, `${question.key}-down`)}
                  >
                    ↓
                  </button>
                  <button type="button" className="button small ghost danger-text" onClick={() => setQuestions((questions) => questions.filter((item) => item.key !== question.key))}>
                    Remove<span className="visually-hidden"> question {number}</span>
                  </button>
                </div>
              </div>
              <Field name={`${key}.label`} label={`Question ${number}`} error={errors[`${key}.label`]}>
                {(control) => (
                  <input {...control} value={question.label} maxLength={500} placeholder="What would you like to talk about?" onChange={(event) => setQuestion(question.key, { label: event.target.value })} />
                )}
              </Field>
              <div className="two-columns">
                <Field name={`${key}.type`} label={`Answer type of question ${number}`}>
                  {(control) => (
                    <select {...control} value={question.type} onChange={(event) => setQuestion(question.key, { type: event.target.value as QuestionType })}>
                      {(Object.keys(TYPE_LABELS) as QuestionType[]).map((type) => (
                        <option key={type} value={type}>
                          {TYPE_LABELS[type]}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <label className="check question-required">
                  <input type="checkbox" checked={question.isRequired} onChange={(event) => setQuestion(question.key, { isRequired: event.target.checked })} />
                  Required<span className="visually-hidden"> (question {number})</span>
                </label>
              </div>
              {isChoice(question.type) ? (
                <Field name={`${key}.options`} label={`Options of question ${number}`} hint="One option per line." error={errors[`${key}.options`]}>
                  {(control) => (
                    <textarea {...control} rows={4} value={question.optionsText} placeholder={"Sales\nSupport\nSomething else"} onChange={(event) => setQuestion(question.key, { optionsText: event.target.value })} />
                  )}
                </Field>
              ) : null}
            </li>
          );
        })}
      </ol>
      <div>
        <button type="button" className="button" onClick={add}>
          + Add a question
        </button>
      </div>
    </div>
  );
}
