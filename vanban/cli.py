"""The `vanban` command.  Heavy libraries are imported inside the verbs that need them, so a
query verb starts fast.

Exit codes: 0 success; 1 some input files failed (the rest were processed); 2 usage error;
3 configuration or index error; 4 not found (an unknown document).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

EXIT_OK, EXIT_FILES_FAILED, EXIT_USAGE, EXIT_CONFIG, EXIT_NOT_FOUND = 0, 1, 2, 3, 4


def _print_json(obj: Any) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=1, default=str) + "\n")


def _config(args: argparse.Namespace) -> dict[str, Any]:
    from vanban.config import load_config

    cfg = load_config(getattr(args, "config", None))
    if getattr(args, "backend", None):
        cfg["index"]["backend"] = args.backend
    if getattr(args, "index", None):
        cfg["index"]["path"] = str(Path(args.index).resolve())
    return cfg


def _open_index(cfg: dict[str, Any]) -> Any:
    from vanban.index import open_index

    return open_index(cfg["index"])


# ----------------------------------------------------------------------------- run / extract

def cmd_run(args: argparse.Namespace) -> int:
    from vanban.pipeline.batch import run_batch

    cfg = _config(args)
    paths = args.paths or cfg["run"]["paths"]
    with _open_index(cfg) as index:
        files_hint = sum(1 for _ in _iter_candidates(paths))
        rep = run_batch(
            paths, index, registry_path=args.registry or cfg["run"]["registry"],
            jobs=args.jobs if args.jobs is not None else int(cfg["run"]["jobs"]),
            as_of=args.as_of, keep_deleted=args.keep_deleted or bool(cfg["run"]["keep_deleted"]),
            ocr=bool(cfg["run"]["ocr"]), max_file_mb=float(cfg["run"]["max_file_mb"]),
            progress=not args.json and files_hint > int(cfg["run"]["progress_min_files"]),
            write_batch=max(1, int(cfg["run"]["write_batch"])),
            write_batch_seconds=float(cfg["run"]["write_batch_seconds"]),
        )
    d = rep.to_dict()
    if args.json:
        _print_json(d)
    else:
        _print_run_report(d)
    return EXIT_FILES_FAILED if rep.failed else EXIT_OK


def _iter_candidates(paths: list[str]):
    for p in paths:
        pp = Path(p)
        if pp.is_dir():
            yield from (f for f in pp.rglob("*") if f.is_file())
        else:
            yield pp


def _print_run_report(d: dict[str, Any]) -> None:
    out = sys.stdout
    if d["extracted"] == 0 and not d["removed"] and not d["failed"]:
        out.write(f"Nothing changed: {d['files_seen']} files checked, no extraction needed "
                  f"({d['seconds']:.2f} s).\n")
    else:
        out.write(f"Processed {d['files_seen']} files in {d['seconds']:.2f} s: {d['extracted']} extracted "
                  f"({len(d['added'])} new, {len(d['changed'])} changed), {d['unchanged']} unchanged, "
                  f"{len(d['removed'])} removed, {len(d['renamed_or_copied'])} renamed/copied, "
                  f"{len(d['failed'])} failed.\n")
    if d.get("documents"):
        kinds = ("references", "deadlines", "agencies", "assignments", "targets")
        out.write(f"\n{'document':30s} {'type':11s} {'number':16s} " + " ".join(f"{k[:7]:>7s}" for k in kinds) + "\n")
        for doc in d["documents"][:40]:
            out.write(f"{doc['doc'][:30]:30s} {(doc['type'] or '-')[:11]:11s} {(doc['number'] or '-')[:16]:16s} "
                      + " ".join(f"{doc[k]:>7d}" for k in kinds) + "\n")
        if len(d["documents"]) > 40:
            out.write(f"… {len(d['documents']) - 40} more documents (use --json)\n")
    t = d.get("totals") or {}
    if t:
        out.write("\nIndex totals\n")
        for k in ("documents", "references", "deadlines", "agencies", "assignments", "targets"):
            if k in t:
                out.write(f"  {k:12s} {t[k]:>7}\n")
    sections = [("New references", d["references_added"], lambda r: f"{r['doc']} → {r['key']}"),
                ("References removed", d["references_removed"], lambda r: f"{r['doc']} ✕ {r['key']}"),
                ("New assignments", d["new_assignments"],
                 lambda a: f"{a['doc']} [{a['clause'] or '-'}] {a['agency']} ({a['role']})"
                           + (f" due {a['deadline']}" if a.get("deadline") else "")),
                (f"Newly overdue as of {d['as_of']}", d["newly_overdue"],
                 lambda a: f"{a['doc']} [{a['clause'] or '-'}] {a['agency']}: {a['task'][:60]} (due {a['deadline']})")]
    limit = 15
    for title, items, fmt in sections:
        if items:
            out.write(f"\n{title} ({len(items)})\n")
            for it in items[:limit]:
                out.write("  " + fmt(it) + "\n")
            if len(items) > limit:
                out.write(f"  … {len(items) - limit} more (use --json)\n")
    if d["failed"]:
        out.write(f"\nFailures ({len(d['failed'])})\n")
        for f in d["failed"]:
            out.write(f"  {f['file']}: {f['reason']}\n")


def cmd_extract(args: argparse.Namespace) -> int:
    from vanban.pipeline.batch import discover
    from vanban.pipeline.extract import extract_file
    from vanban.pipeline.ingest import IngestError

    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    files, problems = discover(args.paths)
    failed = [f"{p}: {r}" for p, r in problems]
    for f in files:
        try:
            rec = extract_file(f)
        except IngestError as e:
            failed.append(f"{f}: {getattr(e, 'reason', None) or e}")
            continue
        except Exception as e:  # keep going: one broken file must not stop the batch
            failed.append(f"{f}: internal error: {type(e).__name__}: {e}")
            continue
        if not args.with_text:
            rec.pop("text", None)
        (out_dir / f"{f.stem}.json").write_text(json.dumps(rec, ensure_ascii=False, indent=1), encoding="utf-8")
    for line in failed:
        sys.stderr.write(f"vanban extract: {line}\n")
    sys.stderr.write(f"{len(files) - (len(failed) - len(problems))} of {len(files)} files extracted to {out_dir}\n")
    return EXIT_FILES_FAILED if failed else EXIT_OK


def cmd_eval(args: argparse.Namespace) -> int:
    from vanban.evaluate import evaluate
    from vanban.pipeline.batch import discover
    from vanban.pipeline.extract import extract_file

    files, _ = discover([args.corpus])
    preds: dict[str, dict[str, Any]] = {}
    for f in files:
        try:
            preds[f.stem + ".json"] = extract_file(f)
        except Exception as e:
            sys.stderr.write(f"vanban eval: {f}: {e}\n")
    if args.out:
        Path(args.out).mkdir(parents=True, exist_ok=True)
        for name, rec in preds.items():
            rec = {k: v for k, v in rec.items() if k != "text"}
            (Path(args.out) / name).write_text(json.dumps(rec, ensure_ascii=False, indent=1), encoding="utf-8")
    report = evaluate(Path(args.gold), preds)
    if args.json:
        d = report.to_dict()
        if args.errors:
            d["errors"] = report.errors
            d["spurious"] = report.spurious
        _print_json(d)
    else:
        print(report.table())
        if args.errors:
            for e in report.errors + report.spurious:
                print(json.dumps(e, ensure_ascii=False))
    return EXIT_OK


# ----------------------------------------------------------------------------- queries

def cmd_search(args: argparse.Namespace) -> int:
    cfg = _config(args)
    filters = {k: v for k, v in (("type", args.type), ("issuer", args.issuer), ("year", args.year),
                                 ("agency", args.agency)) if v}
    with _open_index(cfg) as index:
        res = index.search(args.query, filters=filters or None, limit=args.limit, offset=args.offset)
    if args.json:
        _print_json(res)
        return EXIT_OK
    print(f"{res['total']} documents")
    for i, h in enumerate(res["hits"], 1 + args.offset):
        hd = h.get("header") or {}
        print(f"{i:3d}. {h['doc']}  {hd.get('type') or ''} {hd.get('number') or ''}  {hd.get('issued_date') or ''}")
        if hd.get("title"):
            print(f"     {hd['title'][:100]}")
        print(f"     …{_terminal_marks(h.get('snippet', ''))}…")
    return EXIT_OK


def _terminal_marks(snippet: str) -> str:
    import html

    bold = sys.stdout.isatty()
    s = snippet.replace("<mark>", "\x1b[1;33m" if bold else "[").replace("</mark>", "\x1b[0m" if bold else "]")
    return html.unescape(s)


def cmd_cites(args: argparse.Namespace) -> int:
    cfg = _config(args)
    with _open_index(cfg) as index:
        page = index.cites_page(args.key, relation=args.relation, depth=args.depth,
                                limit=args.limit if args.limit > 0 else None, offset=args.offset)
    rows, total = page["hits"], page["total"]
    if args.json:
        _print_json({"key": args.key, "total": total, "offset": args.offset, "citing": rows})
        return EXIT_OK
    shown = f" (showing {args.offset + 1}–{args.offset + len(rows)}; --limit 0 lists all)" if len(rows) < total else ""
    print(f"{total} citations of {args.key}{shown}")
    for r in rows:
        hd = r.get("header") or {}
        print(f"- {r['doc']} ({hd.get('number') or hd.get('type') or ''}) clause {r.get('clause') or '-'}"
              f" [{r.get('relation')}]{' depth ' + str(r['depth']) if r.get('depth', 1) > 1 else ''}")
        print(f"    {r.get('text')}")
    return EXIT_OK


def cmd_refs(args: argparse.Namespace) -> int:
    cfg = _config(args)
    with _open_index(cfg) as index:
        if index.get_document(args.doc) is None:
            sys.stderr.write(f"vanban refs: no document '{args.doc}' in the index\n")
            return EXIT_NOT_FOUND
        rows = index.refs(args.doc)
    if args.json:
        _print_json({"doc": args.doc, "references": rows})
        return EXIT_OK
    for r in rows:
        status = f"→ {r['resolved']}" if r.get("resolved") else "(not in index)"
        print(f"- {r['key']:24s} {r.get('relation', ''):10s} {status}   {r.get('text', '')[:70]}")
    return EXIT_OK


def cmd_tasks(args: argparse.Namespace) -> int:
    cfg = _config(args)
    with _open_index(cfg) as index:
        rows = index.tasks(args.text, agency=args.agency, role=args.role, due_before=args.due_before,
                           overdue_as_of=args.overdue_as_of, limit=args.limit)
    if args.json:
        _print_json({"tasks": rows})
        return EXIT_OK
    print(f"{len(rows)} assignments")
    for r in rows:
        hd = r.get("header") or {}
        due = f" — due {r['deadline']}" if r.get("deadline") else ""
        print(f"- {r['agency']} ({r['role']}){due}\n    {r['doc']} {hd.get('number') or ''} clause "
              f"{r.get('clause') or '-'}: {r.get('task', '')[:110]}")
    return EXIT_OK


def _stored_record(args: argparse.Namespace, verb: str) -> dict[str, Any] | None:
    """The indexed record of args.doc, or None after saying so on stderr."""
    with _open_index(_config(args)) as index:
        rec = index.get_document(args.doc)
    if rec is None:
        sys.stderr.write(f"vanban {verb}: no document '{args.doc}' in the index\n")
    return rec


def cmd_show(args: argparse.Namespace) -> int:
    rec = _stored_record(args, "show")
    if rec is None:
        return EXIT_NOT_FOUND
    if args.html:
        from vanban.spacy_components import render_html

        Path(args.html).write_text(render_html(rec), encoding="utf-8")
        sys.stderr.write(f"wrote {args.html}\n")
    if args.json:
        _print_json({k: v for k, v in rec.items() if k != "text" or args.with_text})
        return EXIT_OK
    hd = rec.get("header") or {}
    print(f"{rec['doc']}: {hd.get('type') or '?'} {hd.get('number') or ''} — {hd.get('issuer') or ''}, "
          f"{hd.get('issued_date') or 'no date'}")
    if hd.get("title"):
        print(f"  {hd['title']}")
    by_clause: dict[str, list[str]] = {}
    for kind, fmt in (("references", lambda r: f"cites {r['key']} [{r.get('relation', 'mention')}]"),
                      ("deadlines", lambda d: f"deadline {d['kind']} {d['value']}: {d['text']}"),
                      ("assignments", lambda a: f"{a['role']}: {a['agency']} — {a['task'][:80]}"
                                                + (f" (due {a['deadline']})" if a.get('deadline') else "")),
                      ("targets", lambda t: f"{t['kind']} {t['comparator']} {t['value']} {t['unit']}"
                                            + (f" ({t['year']})" if t.get('year') else "") + f": {t['text'][:60]}")):
        for item in rec.get(kind, []):
            by_clause.setdefault(item.get("clause") or "", []).append(fmt(item))
    print(f"  agencies: {', '.join(a['name'] for a in rec.get('agencies', []))}")
    order = [c["path"] for c in rec.get("clauses", [])]
    for clause in sorted(by_clause, key=lambda c: (order.index(c) if c in order else -1)):
        print(f"\n[{clause or 'preamble'}]")
        for line in by_clause[clause]:
            print(f"  - {line}")
    return EXIT_OK


def cmd_graph(args: argparse.Namespace) -> int:
    from vanban.graph_export import export

    cfg = _config(args)
    with _open_index(cfg) as index:
        g = index.graph(args.doc, depth=args.depth)
    sys.stdout.write(export(g, args.format))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from vanban.schema import DOCUMENT_SCHEMA

    _print_json(DOCUMENT_SCHEMA)
    return EXIT_OK


def cmd_displacy(args: argparse.Namespace) -> int:
    from vanban.spacy_components import render_html

    rec = _stored_record(args, "displacy")
    if rec is None:
        return EXIT_NOT_FOUND
    html = render_html(rec)
    Path(args.out).write_text(html, encoding="utf-8")
    print(f"wrote {args.out}")
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from vanban.web import serve

    cfg = _config(args)
    return serve(cfg, host=args.host or cfg["serve"]["host"], port=args.port or int(cfg["serve"]["port"]))


# ----------------------------------------------------------------------------- parser

def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vanban", description="Facts from Vietnamese administrative documents.")
    p.add_argument("--version", action="version", version=f"vanban {_version()}")
    sub = p.add_subparsers(dest="cmd", required=True)

    def common(sp: argparse.ArgumentParser, json_flag: bool = True) -> None:
        sp.add_argument("--config", help="config.toml to use (default: ./config.toml or $VANBAN_CONFIG)")
        sp.add_argument("--backend", choices=["sqlite", "elasticsearch"], help="override [index] backend")
        sp.add_argument("--index", help="override the SQLite index file")
        if json_flag:
            sp.add_argument("--json", action="store_true", help="print one JSON document")

    sp = sub.add_parser("run", help="ingest, extract and index files (only what changed)")
    sp.add_argument("paths", nargs="*", help="files or folders (default: [run] paths in config.toml)")
    sp.add_argument("--jobs", type=int, help="worker processes (default: config, 0 = all cores)")
    sp.add_argument("--as-of", help="date for the overdue report (default: today)")
    sp.add_argument("--keep-deleted", action="store_true", help="keep documents whose files disappeared")
    sp.add_argument("--registry", help="override the rerun registry file")
    common(sp)
    sp.set_defaults(func=cmd_run)

    sp = sub.add_parser("extract", help="extract facts to JSON files, no index")
    sp.add_argument("paths", nargs="+")
    sp.add_argument("--out", required=True, help="output folder: one <stem>.json per document")
    sp.add_argument("--with-text", action="store_true", help="include the stored text")
    sp.set_defaults(func=cmd_extract)

    sp = sub.add_parser("eval", help="precision/recall/F1 per field against gold files")
    sp.add_argument("gold")
    sp.add_argument("corpus")
    sp.add_argument("--json", action="store_true")
    sp.add_argument("--errors", action="store_true", help="list the gold items that were missed and the predicted items no gold item matched")
    sp.add_argument("--out", help="also write the predictions here")
    sp.set_defaults(func=cmd_eval)

    sp = sub.add_parser("search", help="full-text search, diacritics optional")
    sp.add_argument("query")
    sp.add_argument("--type")
    sp.add_argument("--issuer")
    sp.add_argument("--year")
    sp.add_argument("--agency")
    sp.add_argument("--limit", type=int, default=10)
    sp.add_argument("--offset", type=int, default=0)
    common(sp)
    sp.set_defaults(func=cmd_search)

    sp = sub.add_parser("cites", help="documents that cite KEY (any spelling)")
    sp.add_argument("key")
    sp.add_argument("--relation", help="can_cu, thay_the, sua_doi, bai_bo, huong_dan, trien_khai, mention")
    sp.add_argument("--depth", type=int, default=1)
    sp.add_argument("--limit", type=int, default=100, help="citations listed (0: all); the total is always counted")
    sp.add_argument("--offset", type=int, default=0, help="skip this many (the next page)")
    common(sp)
    sp.set_defaults(func=cmd_cites)

    sp = sub.add_parser("refs", help="what a document cites, with resolution status")
    sp.add_argument("doc")
    common(sp)
    sp.set_defaults(func=cmd_refs)

    sp = sub.add_parser("tasks", help="assignments by text, agency, role, deadline")
    sp.add_argument("text", nargs="?")
    sp.add_argument("--agency")
    sp.add_argument("--role", choices=["lead", "support"])
    sp.add_argument("--due-before")
    sp.add_argument("--overdue-as-of")
    sp.add_argument("--limit", type=int, default=100)
    common(sp)
    sp.set_defaults(func=cmd_tasks)

    sp = sub.add_parser("show", help="one document's header and facts, by clause")
    sp.add_argument("doc")
    sp.add_argument("--with-text", action="store_true")
    sp.add_argument("--html", metavar="FILE", help="also write the text with its facts highlighted (displaCy)")
    common(sp)
    sp.set_defaults(func=cmd_show)

    sp = sub.add_parser("graph", help="the citation graph (or a document's neighbourhood)")
    sp.add_argument("doc", nargs="?")
    sp.add_argument("--format", choices=["dot", "graphml", "json"], default="json")
    sp.add_argument("--depth", type=int, default=1)
    common(sp, json_flag=False)
    sp.set_defaults(func=cmd_graph)

    sp = sub.add_parser("displacy", help="render a document's facts as displaCy HTML")
    sp.add_argument("doc")
    sp.add_argument("--out", required=True)
    common(sp, json_flag=False)
    sp.set_defaults(func=cmd_displacy)

    sp = sub.add_parser("schema", help="print the JSON schema of extracted documents")
    sp.set_defaults(func=cmd_schema)

    sp = sub.add_parser("serve", help="the staff web app")
    sp.add_argument("--host")
    sp.add_argument("--port", type=int)
    common(sp, json_flag=False)
    sp.set_defaults(func=cmd_serve)
    return p


def _version() -> str:
    from vanban import __version__

    return __version__


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except FileNotFoundError as e:
        sys.stderr.write(f"vanban: {e}\n")
        return EXIT_CONFIG
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `vanban ... | head`: the reader left, nothing to report
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
