// The leads list: status badges, filters (status, campaign, search) in the
// address, "load more" by cursor; an import of a CSV file with its per-row
// report, and a form for one new lead.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState, type FormEvent } from "react";
import { Link, useLocation, useSearchParams } from "wouter";
import { api, isProblem, unwrap } from "../../api/client";
import { LoadMore } from "../../components/load-more";
import { ErrorText } from "../../components/notice";
import { ListSkeleton } from "../../components/skeleton";
import { ScopeHint } from "../scope-hint";
import { CAMPAIGNS_KEY, LEADS_KEY, STATUS_LABELS, statusTone, type ImportReport, type Lead, type LeadStatus } from "./lead-model";
import "./leads.css";

const PAGE_SIZE = 50;

export default function LeadsPage() {
  const [params, setParams] = useSearchParams();
  const status = (params.get("status") ?? "") as LeadStatus | "";
  const campaignId = params.get("campaign") ?? "";
  const q = params.get("q") ?? "";
  const ids = { status: useId(), campaign: useId(), q: useId() };
  const campaigns = useQuery({ queryKey: CAMPAIGNS_KEY, queryFn: () => unwrap(api.GET("/api/v1/campaigns")) });
  const list = useInfiniteQuery({
    queryKey: [...LEADS_KEY, status, campaignId, q],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET("/api/v1/leads", {
          params: { query: { limit: PAGE_SIZE, ...(status ? { status } : {}), ...(campaignId ? { campaignId } : {}), ...(q ? { q } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const leads = list.data?.pages.flatMap((page) => page.items) ?? [];
  const campaignName = new Map((campaigns.data?.items ?? []).map((campaign) => [campaign.id, campaign.name]));
  const setFilter = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <div className="stack leads">
      <h1>Leads</h1>
      <ScopeHint permission="leads.read">You see the leads you own.</ScopeHint>
      <div className="leads-tools">
        <ImportCard />
        <NewLeadCard />
      </div>
      <div className="row leads-filters" role="search" aria-label="Filter leads">
        <div className="field">
          <label htmlFor={ids.status}>Status</label>
          <select id={ids.status} value={status} onChange={(event) => setFilter("status", event.target.value)}>
            <option value="">Any status</option>
            {Object.entries(STATUS_LABELS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.campaign}>Campaign</label>
          <select id={ids.campaign} value={campaignId} onChange={(event) => setFilter("campaign", event.target.value)}>
            <option value="">Any campaign</option>
            {(campaigns.data?.items ?? []).map((campaign) => (
              <option key={campaign.id} value={campaign.id}>
                {campaign.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.q}>Search</label>
          <input id={ids.q} type="search" placeholder="Name, email or company" defaultValue={q} onChange={(event) => setFilter("q", event.target.value.trim())} />
        </div>
      </div>
      <section aria-label="Leads" aria-busy={list.isFetching} className="stack">
        {list.isPending ? (
          <ListSkeleton />
        ) : !list.data ? (
          <ErrorText error={list.error} />
        ) : leads.length === 0 ? (
          <div className="card empty">
            <p>No leads here yet. Import a CSV file, add one, or send outreach events to POST /api/v1/lead-events.</p>
          </div>
        ) : (
          <>
            <LeadTable leads={leads} campaignName={campaignName} />
            <LoadMore count={leads.length} singular="lead" plural="leads" list={list} />
          </>
        )}
      </section>
    </div>
  );
}

function LeadTable({ leads, campaignName }: { leads: Lead[]; campaignName: Map<string, string> }) {
  return (
    <table className="table leads-table">
      <caption className="visually-hidden">Leads, newest first; each opens its timeline</caption>
      <thead>
        <tr>
          <th scope="col">Lead</th>
          <th scope="col">Company</th>
          <th scope="col">Campaign</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {leads.map((lead) => (
          <tr key={lead.id}>
            <td>
              <Link href={`/leads/${lead.id}`} className="row-link">
                {lead.name ?? lead.email}
              </Link>
              <span className="muted small lead-email">{lead.email}</span>
            </td>
            <td>{lead.company ?? <span className="muted">—</span>}</td>
            <td>{lead.campaignId ? campaignName.get(lead.campaignId) : <span className="muted">—</span>}</td>
            <td>
              <span className={`badge ${statusTone(lead.status)}`}>{STATUS_LABELS[lead.status]}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ImportCard() {
  const queryClient = useQueryClient();
  const fileId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [isSkippingInvalid, setSkippingInvalid] = useState(false);
  const [report, setReport] = useState<{ report: ImportReport; isRefused: boolean } | null>(null);
  const upload = useMutation({
    mutationFn: (chosen: File) =>
      unwrap(
        api.POST("/api/v1/leads/import", {
          params: { query: { skipInvalid: isSkippingInvalid ? "true" : "false" } },
          body: chosen as never,
          bodySerializer: (body: unknown) => body as BodyInit,
          headers: { "content-type": "text/csv" },
        }),
      ),
    onSuccess: async (done) => {
      setReport({ report: done, isRefused: false });
      await queryClient.invalidateQueries({ queryKey: LEADS_KEY });
      await queryClient.invalidateQueries({ queryKey: CAMPAIGNS_KEY });
    },
    onError: (error) => {
      if (isProblem(error, "LEAD_IMPORT_INVALID")) setReport({ report: error.body as unknown as ImportReport, isRefused: true });
      else setReport(null);
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (file) upload.mutate(file);
  };
  return (
    <form className="card stack" onSubmit={submit} aria-label="Import CSV">
      <h2>Import CSV</h2>
      <div className="field">
        <label htmlFor={fileId}>CSV file</label>
        <input id={fileId} type="file" accept=".csv,text/csv" onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
        <span className="hint">Header row: email, name, company, title, campaign, owner; other columns become custom fields.</span>
      </div>
      <label className="row">
        <input type="checkbox" checked={isSkippingInvalid} onChange={(event) => setSkippingInvalid(event.target.checked)} /> Import the good rows, skip bad ones
      </label>
      <div>
        <button type="submit" className="button primary" disabled={!file || upload.isPending}>
          {upload.isPending ? "Importing…" : "Import CSV"}
        </button>
      </div>
      {upload.isError && !report && <ErrorText error={upload.error} />}
      {report && <ImportResult {...report} />}
    </form>
  );
}

function ImportResult({ report, isRefused }: { report: ImportReport; isRefused: boolean }) {
  return (
    <div className="stack" role="status" aria-label="Import report">
      <p className={isRefused ? "error-text" : ""}>
        {isRefused
          ? `Nothing was imported: ${report.errorCount} problem${report.errorCount === 1 ? "" : "s"} in the file.`
          : `Imported: ${report.created} created, ${report.updated} updated, ${report.skipped} skipped.`}
      </p>
      {[...report.errors.map((note) => ({ ...note, kind: "Error" })), ...report.warnings.map((note) => ({ ...note, kind: "Warning" }))].length > 0 && (
        <table className="table import-report">
          <caption className="visually-hidden">Problems by line</caption>
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">Kind</th>
              <th scope="col">Field</th>
              <th scope="col">Problem</th>
            </tr>
          </thead>
          <tbody>
            {[...report.errors.map((note) => ({ ...note, kind: "Error" })), ...report.warnings.map((note) => ({ ...note, kind: "Warning" }))].map((note, i) => (
              <tr key={i}>
                <td>{note.line}</td>
                <td>{note.kind}</td>
                <td>{note.field}</td>
                <td>{note.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

function NewLeadCard() {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const ids = { email: useId(), name: useId(), company: useId() };
  const [fields, setFields] = useState({ email: "", name: "", company: "" });
  const create = useMutation({
    mutationFn: () => unwrap(api.POST("/api/v1/leads", { body: { email: fields.email, name: fields.name || null, company: fields.company || null } })),
    onSuccess: async (lead) => {
      await queryClient.invalidateQueries({ queryKey: LEADS_KEY });
      navigate(`/leads/${lead.id}`);
    },
  });
  const set = (key: keyof typeof fields) => (event: { target: { value: string } }) => setFields({ ...fields, [key]: event.target.value });
  return (
    <form
      className="card stack"
      aria-label="New lead"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate();
      }}
    >
      <h2>New lead</h2>
      <div className="field">
        <label htmlFor={ids.email}>Email</label>
        <input id={ids.email} type="email" required value={fields.email} onChange={set("email")} />
      </div>
      <div className="field">
        <label htmlFor={ids.name}>Name</label>
        <input id={ids.name} value={fields.name} onChange={set("name")} />
      </div>
      <div className="field">
        <label htmlFor={ids.company}>Company</label>
        <input id={ids.company} value={fields.company} onChange={set("company")} />
      </div>
      <div>
        <button type="submit" className="button primary" disabled={create.isPending}>
          Add lead
        </button>
      </div>
      {create.isError && <ErrorText error={create.error} />}
    </form>
  );
}
