------------------------------- MODULE Dlmem -------------------------------
(***************************************************************************)
(* dlmem(): loading a shared object from a caller's buffer, with fdlopen() *)
(* and dlopen_with_offset() built on it, beside the baseline dl* calls.    *)
(* Loader holds the objects, their dependencies and the caller's regions;  *)
(* this module adds the premap mappings and the premap calls. Every action *)
(* is one call, whose argument `a` is the call as a record (the labels     *)
(* trace validation gives, conformance/tla-trace/labels.ts), and names the *)
(* clauses it encodes.                                                     *)
(***************************************************************************)
EXTENDS Loader

CONSTANTS
    ImageKind,      \* [Images -> {"good", "bad", "either", "late"}]: how dlmem must treat each image
    Genbuf,         \* TRUE where DLMEM_GENBUF_SRC is defined (the dlmem branch)
    MemoryCalls,    \* the caller's memory operations to explore
    OpenCalls,      \* the dlopen and dlmopen calls to explore
    DlmemCalls,     \* the dlmem calls to explore
    FileCalls       \* the fdlopen and dlopen_with_offset calls to explore

VARIABLES
    pmaps,          \* [object index -> mapped?]: the premap mappings dlmem calls made
    premaps         \* how many times the last call called premap

vars == <<objs, log, err, ret, regions, nss, pmaps, premaps>>

\* A call that is no dlmem mapping an object calls premap not at all.
\* @clauses dlmem.premap.called-once, dlmem.premap.not-called-invalid
NoPremap == premaps' = 0 /\ UNCHANGED pmaps
PmapsWith(k, m) == [j \in DOMAIN pmaps \cup {k} |-> IF j = k THEN m ELSE pmaps[j]]
Shared == {"file-shared", "memfd-shared", "anon-shared"}

Init ==
    /\ LoaderInit
    /\ pmaps = [k \in {} |-> TRUE]
    /\ premaps = 0

------------------------------------------------------------------------------
(* The baseline calls: dlopen and dlmopen, dlclose, dlsym, dlinfo.          *)

\* A load of a new object and its dependencies; pm is what premap gave: "none", "called" or "region".
\* @clauses base.dlopen.ctors-before-return, base.dlopen.missing-dependency, base.dlopen.undefined-now, base.dlopen.undefined-lazy, dlmem.deps.loaded, dlmem.deps.ctors-order, dlmem.deps.missing, dlmem.deps.undefined, dlmem.fail.clean, dlmem.fail.premap-mapping, dlmem.names.satisfies-needed
LoadNew(root, newNs, pm) ==
    LET k == Len(objs) + 1
    IN \E skip \in BOOLEAN :
       LET c == LoadClosure(root, skip)
       IN \/ /\ c.ok
             /\ objs' = Relocated(c.os, c.added)
             /\ RunCtors(c.os, c.added)
             /\ ret' = Handle(k)
             /\ nss' = IF newNs THEN nss + 1 ELSE nss
             /\ pmaps' = IF pm = "region" THEN PmapsWith(k, TRUE) ELSE pmaps
             /\ UNCHANGED <<err, regions>>
          \/ /\ ~c.ok \/ MayFail(c.os, c.added)
             /\ objs' = IF c.ok THEN Dropped(c.os, c.added) ELSE objs
             /\ err' = IF c.ok THEN "unspecified" ELSE "ENOENT"
             /\ ret' = Null
             /\ \E m \in BOOLEAN : pmaps' = IF pm = "region" THEN PmapsWith(k, m) ELSE pmaps
             /\ UNCHANGED <<log, regions, nss>>

\* Opening k again: the same handle, one more reference.
\* @clauses base.dlopen.dedup, base.dlopen.noload, dlmem.names.dedup-soname, dlmem.names.no-dedup-anonymous
Reopen(k) ==
    /\ objs' = [objs EXCEPT ![k].refs = @ + 1]
    /\ ret' = Handle(k)
    /\ UNCHANGED <<log, err, regions, nss, pmaps>>

\* @clauses base.dlopen.mode-binding, base.dlopen.mode-unknown-bits, base.dlmopen.bad-nsid, base.dlopen.dedup, base.dlopen.noload, base.dlmopen.newlm, dlmem.names.satisfies-needed
Dlopen(a) ==
    LET t == Target(a.ns)
        found == IF a.file = "NULL" THEN {1} ELSE IF t.new THEN {} ELSE Named(objs, t.ns, FileName[a.file], FALSE)
        root == NewObj(a.file, t.ns, FileName[a.file], Soname[a.file], "dlopen", "unrelocated", "NODELETE" \in Mode(a))
    IN /\ NoPremap
       /\ \/ /\ ~t.ok
             /\ Fail({"EINVAL"}, Null)
          \/ /\ t.ok /\ BadMode(a)
             /\ Fail({"EINVAL", "unspecified"}, Null)
          \/ /\ t.ok /\ found # {}
             /\ Reopen(Min(found))
          \/ /\ t.ok /\ "NOLOAD" \notin Mode(a)
             /\ found = {} \/ objs[Min(found)].via = "dlmem"
             /\ LoadNew(root, t.new, "none")
          \/ /\ t.ok /\ "NOLOAD" \in Mode(a)
             /\ found = {} \/ objs[Min(found)].via = "dlmem"
             /\ NotLoaded

\* @clauses base.dlclose.refcount, base.dlclose.unload, base.dlclose.bad-handle, dlmem.close.refcount, dlmem.close.premap-mapping, dlmem.close.source-untouched
Dlclose(k) ==
    /\ premaps' = 0
    /\ \/ /\ ~OpenHandle(k)
          /\ Undefined /\ UNCHANGED pmaps
       \/ /\ OpenHandle(k)
          /\ ret' = Ret("int", 0)
          /\ UNCHANGED <<err, regions, nss>>
          /\ LET os == [objs EXCEPT ![k].refs = IF @ > 0 THEN @ - 1 ELSE 0]
             IN IF Unloads(os, k)
                  THEN \/ /\ Unload(os, UnloadSet(os, k))
                          /\ \E gone \in SUBSET {j \in UnloadSet(os, k) : j \in DOMAIN pmaps} :
                                pmaps' = [j \in DOMAIN pmaps |-> IF j \in gone THEN FALSE ELSE pmaps[j]]
                       \/ /\ objs' = os
                          /\ UNCHANGED <<log, pmaps>>
                  ELSE /\ objs' = os
                       /\ UNCHANGED <<log, pmaps>>

Dlsym(h) == BaseDlsym(h) /\ NoPremap
Dlinfo(h, req) == BaseDlinfo(h, req) /\ NoPremap

------------------------------------------------------------------------------
(* dlmem(buffer, size, mode, dlm_args) from source region src. The label   *)
(* `a` holds: buf, off (the offset into the region is page-aligned), fits  *)
(* (size bytes lie inside the region), img (the image at buffer, "" for    *)
(* none), size ("small", "headers", "load" or "ok": how far size reaches    *)
(* into the image), mode, bad, soname, ns, flags, extra (unknown flag      *)
(* bits) and premap (what the callback does, "none" without one).          *)

UseGenbuf(a) == Genbuf /\ "GENBUF" \in a.flags
Aligned(a, src) == src.aligned /\ a.off
\* The argument checks in the order dlmem makes them: each may end the call (must: it does).
Checks(a, src) == <<
    [fail |-> BadMode(a), must |-> FALSE, errs |-> {"EINVAL", "unspecified"}],
    [fail |-> ~Aligned(a, src) /\ ~UseGenbuf(a), must |-> TRUE, errs |-> {"EINVAL"}],
    [fail |-> a.size = "small", must |-> TRUE, errs |-> {"unspecified"}],
    [fail |-> a.extra \/ ("GENBUF" \in a.flags /\ ~Genbuf), must |-> FALSE, errs |-> {"EINVAL"}],
    [fail |-> a.ns # "unknown" /\ ~Target(a.ns).ok, must |-> TRUE, errs |-> {"EINVAL"}],
    [fail |-> "DONTREPLACE" \in a.flags /\ a.premap = "none", must |-> FALSE, errs |-> {"unspecified"}] >>
Passed(a, src, i) == \A j \in 1..(i - 1) : ~(Checks(a, src)[j].fail /\ Checks(a, src)[j].must)

\* @clauses dlmem.args.mode-invalid, dlmem.args.mode-invalid-errno, dlmem.args.unaligned-buffer, dlmem.args.size-zero, dlmem.args.flags-unknown, dlmem.args.nsid-invalid, dlmem.place.dontreplace-no-premap, dlmem.premap.not-called-invalid
DlmemRejectArgs(a, src) ==
    /\ \E i \in DOMAIN Checks(a, src) :
          /\ Checks(a, src)[i].fail /\ Passed(a, src, i)
          /\ Fail(Checks(a, src)[i].errs, Null)
    /\ NoPremap

\* The object already loaded that dlmem may return: one named soname, or the same bytes loaded anonymously.
Candidates(a) ==
    LET ns == Target(a.ns).ns
    IN IF Target(a.ns).new THEN {}
       ELSE IF a.soname # "" THEN Named(objs, ns, a.soname, FALSE)
       ELSE {k \in 1..Len(objs) : objs[k].ns = ns /\ Live(objs, k) /\ objs[k].via = "dlmem" /\ objs[k].name = "" /\ objs[k].img = a.img}

\* The source kinds dlmem supports; for the others it may fail, load, or (a private file mapping
\* written since) load what the file holds.
Supported(a, src) == UseGenbuf(a) \/ src.kind \in Shared \/ (src.kind = "file-private" /\ src.virgin)

\* @clauses dlmem.source.non-virgin, dlmem.source.anon-private, dlmem.source.anon-private-branch, dlmem.elf.bad-magic, dlmem.elf.truncated, dlmem.elf.load-past-size, dlmem.elf.not-dyn, dlmem.elf.exec-stack, dlmem.elf.dlopen-equivalence, dlmem.fail.clean, dlmem.names.noload, dlmem.source.bytes-unchanged, dlmem.source.protections-unchanged
DlmemRejected(a, src) ==
    /\ \/ ~Supported(a, src)
       \/ a.img = "" \/ a.size = "headers"
       \/ a.img # "" /\ (ImageKind[a.img] # "good" \/ a.size = "load")
       \/ "NOLOAD" \in Mode(a)
    /\ \/ Fail({"unspecified"}, Null)
       \/ /\ ~Supported(a, src) /\ src.kind = "file-private"
          /\ Undefined
    /\ NoPremap

\* Whether the image is one dlmem may go on to map: it is there, good enough and whole enough.
Loadable(a, src) == a.img # "" /\ ImageKind[a.img] # "bad" /\ a.size \in {"load", "ok"}

\* @clauses dlmem.args.handle, dlmem.names.anonymous, dlmem.names.soname, dlmem.names.visible, dlmem.args.nsid-base, dlmem.args.nsid-newlm, dlmem.args.nsid-existing, dlmem.place.zero-copy, dlmem.place.genbuf-copy, dlmem.place.premap-base, dlmem.place.dontreplace, dlmem.premap.called-once, dlmem.premap.return-usable, dlmem.premap.return-misaligned, dlmem.premap.return-map-failed, dlmem.premap.return-null, dlmem.premap.object-only, dlmem.fail.premap-mapping
DlmemMap(a) ==
    LET t == Target(a.ns)
        k == Len(objs) + 1
        inRegion == a.premap \in {"anon", "memfd-shared", "map32bit", "misaligned"}
        root == [NewObj(a.img, t.ns, a.soname, Soname[a.img], "dlmem", "unrelocated", "NODELETE" \in Mode(a))
                   EXCEPT !.at = IF inRegion THEN "premap" ELSE "loader"]
        late == ImageKind[a.img] = "late" \/ a.premap \in {"misaligned", "map-failed", "null"}
    IN /\ premaps' = IF a.premap = "none" THEN 0 ELSE 1
       /\ \/ LoadNew(root, t.new, IF inRegion THEN "region" ELSE IF a.premap = "none" THEN "none" ELSE "called")
          \/ /\ a.premap # "none" /\ late
             /\ Fail({"unspecified"}, Null)
             /\ \E m \in BOOLEAN : pmaps' = IF inRegion THEN PmapsWith(k, m) ELSE pmaps

\* @clauses dlmem.args.null-buffer, dlmem.args.size-beyond-buffer, dlmem.args.nsid-existing
DlmemUndefined(a, src) ==
    /\ \/ a.buf = "NULL"
       \/ ~(src.mapped /\ src.rd /\ a.fits)
       \/ a.ns = "unknown" /\ Passed(a, src, 5)
    /\ Undefined
    /\ NoPremap

\* @clauses dlmem.premap.return-short, dlmem.premap.no-dl-calls
PremapBreaks(a) ==
    /\ a.premap \in {"short", "reentrant-dlopen"}
    /\ Undefined
    /\ NoPremap

\* @clauses dlmem.args.handle, dlmem.names.dedup-soname, dlmem.names.no-dedup-anonymous, dlmem.names.noload, dlmem.premap.not-called-invalid
DlmemExisting(a) ==
    /\ \E k \in Candidates(a) : Reopen(k)
    /\ premaps' = 0

\* What dlmem may do with the source src: every check passed, then an object it may return, a
\* rejection, or the load.
DlmemFrom(a, src) ==
    \/ DlmemUndefined(a, src)
    \/ /\ a.buf # "NULL" /\ src.mapped /\ src.rd /\ a.fits
       /\ \/ DlmemRejectArgs(a, src)
          \/ /\ Passed(a, src, 7) /\ a.ns # "unknown"
             /\ \/ DlmemExisting(a)
                \/ /\ Candidates(a) = {} /\ "NOLOAD" \in Mode(a)
                   /\ NotLoaded /\ NoPremap
                \/ DlmemRejected(a, src)
                \/ /\ "NOLOAD" \notin Mode(a) /\ Loadable(a, src)
                   /\ \/ PremapBreaks(a)
                      \/ a.premap \notin {"short", "reentrant-dlopen"} /\ DlmemMap(a)

NoRegion == [kind |-> "none", virgin |-> FALSE, aligned |-> TRUE, mapped |-> FALSE, rd |-> FALSE, wr |-> FALSE, copy |-> 0]
Dlmem(a) == DlmemFrom(a, IF a.buf \in DOMAIN regions THEN regions[a.buf] ELSE NoRegion)

\* fdlopen maps the file private, dlopen_with_offset at a page-aligned offset too, at another offset
\* it copies to shared memory; both then call dlmem(addr, len, mode, NULL) on a source only they see.
\* @clauses fdlopen.def.mapping, fdlopen.def.unmappable, dlopen-offset.def.aligned, dlopen-offset.def.unaligned, dlopen-offset.def.container, dlopen-offset.def.past-eof
DlmemFile(a) ==
    \/ /\ a.empty
       /\ err' \in {err, "unspecified"} /\ ret' = Null
       /\ UNCHANGED <<objs, log, regions, nss>> /\ NoPremap
    \/ /\ ~a.empty
       /\ DlmemFrom(a, NewRegion([kind |-> a.kind, aligned |-> TRUE, rd |-> TRUE, wr |-> FALSE]))

------------------------------------------------------------------------------

\* @clauses dlmem.source.release-after, dlmem.source.virgin, dlmem.close.source-untouched
CallerMemory(a) == Memory(a) /\ NoPremap
\* @clauses base.dlsym.found, base.dladdr.fields
CallerCode == Use /\ NoPremap
\* @clauses base.dlerror.once, base.dlerror.success-silent
DlerrorCall == Dlerror /\ NoPremap

Next ==
    \/ \E a \in MemoryCalls : CallerMemory(a)
    \/ \E a \in OpenCalls : Dlopen(a)
    \/ \E a \in DlmemCalls : Dlmem(a)
    \/ \E a \in FileCalls : DlmemFile(a)
    \/ \E k \in Handles("dlclose") : Dlclose(k)
    \/ \E h \in Handles("dlsym") : Dlsym(h)
    \/ \E h \in Handles("dlinfo"), req \in Requests : Dlinfo(h, req)
    \/ "code" \in Queries /\ CallerCode
    \/ "dlerror" \in Queries /\ DlerrorCall

Spec == Init /\ [][Next]_vars

\* @clauses base.dlerror.error-class, dlmem.args.handle
TypeOK ==
    /\ \A k \in 1..Len(objs) : objs[k].st \in {"relocated", "closed"} /\ objs[k].refs \in Nat
    /\ err \in Errors \cup {"none"}
    /\ premaps \in 0..1
    /\ DOMAIN pmaps \subseteq 1..(Len(objs) + 1)

\* @clauses dlmem.deps.ctors-order, base.dlopen.ctors-before-return
InvCtorsDepsFirst ==
    \A i, j \in DOMAIN log : log[i].ev = "ctor" /\ log[j].ev = "ctor" /\ log[j].obj \in Reach(objs, log[i].obj) => j < i

\* @clauses dlmem.premap.called-once
InvPremapAtMostOnce == premaps <= 1

\* @clauses dlmem.place.premap-base, dlmem.premap.dontreplace-copy
InvPremapMappingKept ==
    \A k \in 1..Len(objs) : Live(objs, k) /\ objs[k].at = "premap" => k \in DOMAIN pmaps /\ pmaps[k]
=============================================================================
