----------------------------- MODULE Norelocate -----------------------------
(* RTLD_NORELOCATE in its three forms (Form): dlopen without relocation, a *)
(* move (copy-object, dlset_object_base), then relocation by dlrelocate or *)
(* an operation on the handle. Loader holds the objects (st "unrelocated", *)
(* "relocated", "failed" or "closed"; at = "moved" and to = the region for *)
(* one the caller moved) and the regions. Every action is one call.       *)
EXTENDS Loader

CONSTANTS
    Form,           \* "v1", "v2" or "branch": the first form, the 13 April text, the noreloc branch
    MemoryCalls,    \* the caller's memory operations to explore
    OpenCalls,      \* the dlopen and dlmopen calls to explore
    Bases,          \* the bases dlrelocate is given ("" for none: every form but the first)
    CopyCalls,      \* the regions copy-object copies to: [r, fits]
    SetbaseCalls    \* the bases dlset_object_base is given: [r, off, zero]

vars == loaderVars
Init == LoaderInit

St(k) == objs[k].st
\* What relocating k takes with it: the unrelocated objects it depends on, directly or not.
Pending(os, k) == {k} \cup {d \in Reach(os, k) : os[d].st = "unrelocated"}
HasCopy(os, j) == LET r == os[j].to IN r \in DOMAIN regions /\ regions[r].mapped /\ regions[r].copy = j /\ regions[r].rd /\ regions[r].wr
\* A moved object relocated where the caller put no copy of it: undefined behaviour.
CopyMissing(os, k) == \E j \in Pending(os, k) : os[j].at = "moved" /\ ~HasCopy(os, j)

\* What an operation gives once the object is as it needs it: a symbol, a dlinfo answer, 0.
\* @clauses base.dlsym.found, base.dlsym.missing, base.dlinfo.linkmap, base.dlinfo.origin, base.dlinfo.bad-request
Answer(what, h) ==
    CASE what = "dlsym" -> \/ \E j \in Scope(h) : ret' = Ret("symbol", j) /\ UNCHANGED err
                           \/ ret' = Null /\ err' = "unspecified"
      [] what = "origin" -> \/ ret' = Ret("int", 0) /\ UNCHANGED err
                            \/ ret' = Ret("int", -1) /\ err' = "unspecified"
      [] what = "bad" -> ret' = Ret("int", -1) /\ err' = "unspecified"
      [] what = "handle" -> ret' = Handle(h) /\ UNCHANGED err
      [] OTHER -> ret' = Ret("int", 0) /\ UNCHANGED err

\* Relocating k now, then `what` (and inc more references); a failed relocation leaves k failed and the call returns failRet.
\* @clauses noreloc.defer.ctors, noreloc.trigger.once, noreloc.trigger.implicit-failure, noreloc.setbase.caller-copy, noreloc.setbase.records, noreloc.setbase.final-layout, noreloc.dlrelocate.failure-state
RelocThen(os, k, what, failRet, inc) ==
    \/ /\ CopyMissing(os, k)
       /\ objs' = os /\ ret' = Ret("any", 0) /\ UNCHANGED <<log, err>>
    \/ /\ ~CopyMissing(os, k)
       /\ \/ /\ objs' = [Relocated(os, Pending(os, k)) EXCEPT ![k].refs = @ + inc]
             /\ RunCtors(os, Pending(os, k))
             /\ Answer(what, k)
          \/ /\ MayFail(os, Pending(os, k))
             /\ objs' = [os EXCEPT ![k].st = "failed"]
             /\ ret' = failRet /\ err' = "unspecified"
             /\ UNCHANGED log

\* A call on a handle whose relocation failed: it may retry, go ahead, or fail (EINVAL or not).
\* @clauses noreloc.dlrelocate.after-failure, noreloc.dlrelocate.after-failure-ops, noreloc.dlrelocate.v1-failure
AfterFailure(k, what, failRet, retry, goAhead) ==
    \/ retry /\ RelocThen(objs, k, what, failRet, 0)
    \/ /\ goAhead \/ ~retry
       /\ Answer(what, k) /\ UNCHANGED <<objs, log>>
    \/ /\ ret' = failRet /\ err' \in {"EINVAL", "unspecified"}
       /\ UNCHANGED <<objs, log>>

\* An operation on handle k that relocates an unrelocated object first, when the form says so.
\* @clauses noreloc.trigger.first-operation, noreloc.trigger.dlsym, noreloc.trigger.dlinfo-other, noreloc.trigger.branch-operations, noreloc.trigger.v1-implicit, noreloc.trigger.move-queries-exempt
OnHandle(k, what, failRet, relocates) ==
    CASE St(k) = "relocated" -> Answer(what, k) /\ UNCHANGED <<objs, log>>
      [] St(k) = "failed" -> AfterFailure(k, what, failRet, TRUE, TRUE)
      [] OTHER -> \/ (relocates \/ Form = "v1") /\ RelocThen(objs, k, what, failRet, 0)
                  \/ /\ ~relocates \/ Form = "v1"
                     /\ Answer(what, k) /\ UNCHANGED <<objs, log>>
                  \/ /\ Form = "v1"
                     /\ ret' = failRet /\ err' = "unspecified" /\ UNCHANGED <<objs, log>>

\* @clauses base.dlsym.found, base.dlsym.missing, base.dlclose.bad-handle, noreloc.trigger.dlsym, noreloc.trigger.not-handle, noreloc.defer.global-visibility
Dlsym(h) ==
    \/ /\ h \in {-1, 1}
       /\ Answer("dlsym", h) /\ UNCHANGED <<objs, log, regions, nss>>
    \/ /\ h \notin {-1, 1} /\ ~LiveHandle(h)
       /\ Undefined
    \/ /\ h \notin {-1, 1} /\ LiveHandle(h)
       /\ OnHandle(h, "dlsym", Null, Form # "v1")
       /\ UNCHANGED <<regions, nss>>

\* The requests that move queries answer without relocating (the branch): MAPINFO and DEPLIST.
Move(req) == Form = "branch" /\ req \in {"MAPINFO", "DEPLIST"}
What(req) == IF Move(req) \/ req \in {"LINKMAP", "LMID"} THEN "zero" ELSE IF req = "ORIGIN" THEN "origin" ELSE "bad"

\* @clauses noreloc.mapinfo.request, noreloc.mapinfo.relocated, noreloc.deplist.request, noreloc.deplist.contents, noreloc.deplist.refcount, noreloc.trigger.move-queries-exempt, noreloc.trigger.dlinfo-other, base.dlinfo.bad-request
Dlinfo(h, req) ==
    \/ ~LiveHandle(h) /\ Undefined
    \/ /\ LiveHandle(h) /\ Move(req)
       /\ \/ /\ St(h) = "failed"
             /\ AfterFailure(h, "zero", Ret("int", -1), FALSE, TRUE)
          \/ /\ St(h) # "failed" /\ Answer("zero", h)
             /\ UNCHANGED log
             /\ \/ objs' = objs
                \/ /\ req = "DEPLIST"
                   /\ objs' = [j \in DOMAIN objs |-> IF j \in Reach(objs, h) /\ objs[j].via # "system"
                                                     THEN [objs[j] EXCEPT !.refs = @ + 1] ELSE objs[j]]
       /\ UNCHANGED <<regions, nss>>
    \/ /\ LiveHandle(h) /\ ~Move(req)
       /\ OnHandle(h, What(req), Ret("int", -1), Form = "v2")
       /\ UNCHANGED <<regions, nss>>

\* The dependencies of a deferred object relocated at once: none on the branch, all or none in
\* the first form, all (or, as the question is open, only those with constructors) in the 13 April text.
DepsNow(os, deps) ==
    CASE Form = "branch" -> {{}}
      [] Form = "v1" -> {deps, {}}
      [] OTHER -> {deps, {d \in deps : os[d].img \in CtorImages}}

\* @clauses noreloc.mode.flag, noreloc.defer.relocation, noreloc.defer.ctors, noreloc.defer.deps-loaded, noreloc.defer.deps-ctors, noreloc.defer.deps-deferred, noreloc.defer.deps-v1, noreloc.defer.deps-open, base.dlopen.ctors-before-return, base.dlopen.missing-dependency, base.dlopen.undefined-now, base.dlopen.undefined-lazy
Load(root, newNs, deferred) ==
    LET k == Len(objs) + 1
        c == LoadClosure(root, FALSE)
    IN \/ ~c.ok /\ Fail({"ENOENT"}, Null)
       \/ /\ c.ok
          /\ \E R \in IF deferred THEN DepsNow(c.os, c.added \ {k}) ELSE {c.added} :
                \/ /\ objs' = Relocated(c.os, R) /\ RunCtors(c.os, R)
                   /\ ret' = Handle(k) /\ nss' = IF newNs THEN nss + 1 ELSE nss
                   /\ UNCHANGED <<err, regions>>
                \/ /\ MayFail(c.os, R)
                   /\ objs' = Dropped(c.os, c.added) /\ ret' = Null /\ err' = "unspecified"
                   /\ UNCHANGED <<log, regions, nss>>

\* The unrelocated objects already loaded that a plain load of root would bind to.
Stale(root) == LET c == LoadClosure(root, FALSE)
               IN IF c.ok THEN {j \in Reach(c.os, Len(objs) + 1) \ c.added : c.os[j].st = "unrelocated"} ELSE {}

\* A plain load that binds to unrelocated objects: it relocates them first, or fails.
\* @clauses noreloc.dependent.plain-dlopen, noreloc.defer.ctors
DependentLoad(root, stale) ==
    LET S == UNION {Pending(objs, j) : j \in stale}
        c == LoadClosureIn(Relocated(objs, S), root, FALSE)
    IN \/ Fail({"unspecified"}, Null)
       \/ /\ c.ok
          /\ objs' = Relocated(c.os, c.added)
          /\ \E c1 \in CtorSeqs(objs, S), c2 \in CtorSeqs(c.os, c.added) : log' = log \o c1 \o c2
          /\ ret' = Handle(Len(objs) + 1)
          /\ UNCHANGED <<err, regions, nss>>
       \/ /\ \E j \in stale : MayFail(objs, Pending(objs, j)) /\ objs' = [objs EXCEPT ![j].st = "failed"]
          /\ ret' = Null /\ err' = "unspecified" /\ UNCHANGED <<log, regions, nss>>

\* @clauses base.dlopen.dedup
ReopenHandle(k) == objs' = [objs EXCEPT ![k].refs = @ + 1] /\ ret' = Handle(k) /\ UNCHANGED <<log, err, regions, nss>>

\* @clauses base.dlopen.dedup, noreloc.reopen.plain, noreloc.reopen.deferred-again, noreloc.reopen.already-relocated, noreloc.dlrelocate.after-failure-ops, noreloc.dlrelocate.failure-state
Reopen(k, deferred) ==
    CASE St(k) = "relocated" -> \/ ReopenHandle(k)
                                \/ deferred /\ Form # "v1" /\ Fail({"unspecified"}, Null)
      [] St(k) = "failed" -> \/ ReopenHandle(k)
                             \/ Fail({"EINVAL", "unspecified"}, Null)
                             \/ ~deferred /\ RelocThen(objs, k, "handle", Null, 1) /\ UNCHANGED <<regions, nss>>
      [] OTHER -> \/ deferred /\ ReopenHandle(k)
                  \/ ~deferred /\ RelocThen(objs, k, "handle", Null, 1) /\ UNCHANGED <<regions, nss>>

\* @clauses base.dlopen.mode-binding, base.dlopen.mode-unknown-bits, base.dlmopen.bad-nsid, base.dlmopen.newlm, base.dlopen.noload, noreloc.lifecycle.dlmopen
Dlopen(a) ==
    LET t == Target(a.ns)
        bit == a.dl = "dlmopen" /\ "NORELOCATE" \in Mode(a)
    IN \/ ~t.ok /\ Fail({"EINVAL"}, Null)
       \/ t.ok /\ BadMode(a) /\ Fail({"EINVAL", "unspecified"}, Null)
       \/ t.ok /\ bit /\ Fail({"unspecified"}, Null)
       \/ /\ t.ok
          /\ \E m \in IF bit THEN {Mode(a), Mode(a) \ {"NORELOCATE"}} ELSE {Mode(a)} :
               LET found == IF a.file = "NULL" THEN {1} ELSE IF t.new THEN {} ELSE Named(objs, t.ns, FileName[a.file], FALSE)
                   root == NewObj(a.file, t.ns, FileName[a.file], Soname[a.file], "dlopen", "unrelocated", "NODELETE" \in m)
               IN \/ found # {} /\ Reopen(Min(found), "NORELOCATE" \in m)
                  \/ found = {} /\ "NOLOAD" \in m /\ NotLoaded
                  \/ /\ found = {} /\ "NOLOAD" \notin m
                     /\ IF "NORELOCATE" \notin m /\ Stale(root) # {} THEN DependentLoad(root, Stale(root))
                        ELSE Load(root, t.new, "NORELOCATE" \in m)

\* Dropping a reference to k in os, after the events pre: at zero, unloading what nothing else
\* holds (a moved object's range left mapped or unmapped) or, where keep, keeping it loaded.
\* force unloads an object opened with RTLD_NODELETE too.
\* @clauses base.dlclose.refcount, base.dlclose.unload, noreloc.setbase.new-range-owner
Release(os, k, pre, keep, force) ==
    LET os1 == [os EXCEPT ![k].refs = @ - 1]
        U == UnloadSet(os1, k)
        moved == {j \in U : os1[j].at = "moved" /\ os1[j].to \in DOMAIN regions}
    IN /\ ret' = Ret("int", 0) /\ UNCHANGED <<err, nss>>
       /\ IF Unloads(os1, k) \/ (force /\ Unloads([os1 EXCEPT ![k].nodelete = FALSE], k))
            THEN \/ /\ objs' = Dropped(os1, U)
                    /\ \E d \in DtorSeqs(os1, U) : log' = log \o pre \o d
                    /\ \E gone \in SUBSET moved :
                          regions' = [r \in DOMAIN regions |-> IF \E j \in gone : os1[j].to = r
                                                               THEN [regions[r] EXCEPT !.mapped = FALSE, !.copy = 0] ELSE regions[r]]
                 \/ keep /\ objs' = os1 /\ log' = log \o pre /\ UNCHANGED regions
            ELSE objs' = os1 /\ log' = log \o pre /\ UNCHANGED regions

\* @clauses base.dlclose.refcount, base.dlclose.bad-handle, noreloc.close.unrelocated, noreloc.close.after-failure, noreloc.defer.nodelete, noreloc.dlrelocate.v1-failure
Dlclose(k) ==
    \/ ~OpenHandle(k) /\ Undefined
    \/ OpenHandle(k) /\ St(k) = "relocated" /\ Release(objs, k, <<>>, TRUE, FALSE)
    \/ OpenHandle(k) /\ St(k) = "failed" /\ Release(objs, k, <<>>, FALSE, FALSE)
    \/ /\ OpenHandle(k) /\ St(k) = "unrelocated"
       /\ LET P == Pending(objs, k)
          IN \/ CopyMissing(objs, k) /\ Undefined
             \/ /\ ~CopyMissing(objs, k)
                /\ \E c \in CtorSeqs(objs, P) : Release(Relocated(objs, P), k, c, FALSE, FALSE)
             \/ /\ ~CopyMissing(objs, k) /\ MayFail(objs, P)
                /\ Release([objs EXCEPT ![k].st = "failed"], k, <<>>, FALSE, FALSE)
             \/ Release(objs, k, <<>>, FALSE, FALSE)
             \/ /\ objs[k].nodelete /\ objs[k].refs <= 1
                /\ Release(objs, k, <<>>, FALSE, TRUE)

Already == IF Form = "branch" THEN [r |-> Ret("int", -1), e |-> "unspecified"] ELSE [r |-> Ret("int", 22), e |-> "EINVAL"]
Failed == IF Form = "branch" THEN Ret("int", -1) ELSE Ret("nonzero", 0)

\* dlrelocate(handle), or in the first form dlrelocate(handle, base): `a` is [h, base], base "" for none.
\* @clauses noreloc.dlrelocate.first, noreloc.dlrelocate.already, noreloc.dlrelocate.already-branch, noreloc.dlrelocate.plain-handle, noreloc.dlrelocate.plain-handle-branch, noreloc.dlrelocate.failure, noreloc.dlrelocate.failure-branch, noreloc.dlrelocate.dependency, noreloc.dlrelocate.dependency-opened, noreloc.dlrelocate.null-handle, noreloc.dlrelocate.v1-base, noreloc.dlrelocate.v1-failure
Dlrelocate(a) ==
    LET k == a.h IN
    \/ ~LiveHandle(k) /\ Undefined
    \/ LiveHandle(k) /\ (Form = "v1") # (a.base # "") /\ Undefined
    \/ /\ LiveHandle(k) /\ Form # "v1" /\ a.base = ""
       /\ CASE St(k) = "relocated" -> Fail({Already.e}, Already.r)
            [] St(k) = "failed" -> AfterFailure(k, "zero", Failed, TRUE, FALSE) /\ UNCHANGED <<regions, nss>>
            [] objs[k].via = "dependency" /\ Form = "branch" /\ objs[k].refs = 0 -> Fail({"unspecified"}, Ret("int", -1))
            \* A dependency the caller also opened with the bit: refused, or relocated as its own (an open question).
            [] objs[k].via = "dependency" /\ Form = "branch" ->
                 \/ Fail({"unspecified"}, Ret("int", -1))
                 \/ RelocThen(objs, k, "zero", Failed, 0) /\ UNCHANGED <<regions, nss>>
            [] OTHER -> RelocThen(objs, k, "zero", Failed, 0) /\ UNCHANGED <<regions, nss>>
    \/ /\ LiveHandle(k) /\ Form = "v1" /\ a.base # ""
       /\ UNCHANGED <<regions, nss>>
       /\ CASE St(k) = "relocated" -> \/ Fail({"unspecified"}, Ret("int", -1))
                                      \/ ret' = Ret("int", 0) /\ UNCHANGED <<objs, log, err>>
            [] St(k) = "failed" -> AfterFailure(k, "zero", Ret("int", -1), TRUE, FALSE)
            [] OTHER -> RelocThen([objs EXCEPT ![k].at = "moved", ![k].to = a.base], k, "zero", Ret("int", -1), 0)

\* Recording base for an unrelocated object: `a` is [h, r, off, zero], r "NULL" for NULL, off whether
\* base is page-aligned within r, zero whether it is r's start.
\* @clauses noreloc.setbase.records, noreloc.setbase.no-ctors, noreloc.trigger.setbase-exempt, noreloc.setbase.null, noreloc.setbase.misaligned, noreloc.setbase.twice, noreloc.setbase.caller-copy
Record(a) ==
    \/ a.r = "NULL" /\ (Fail({"unspecified"}, Ret("int", -1)) \/ Undefined)
    \/ a.r # "NULL" /\ a.r \notin DOMAIN regions /\ Undefined
    \/ /\ a.r # "NULL" /\ a.r \in DOMAIN regions
       /\ \/ ~(regions[a.r].aligned /\ a.off) /\ Fail({"EINVAL"}, Ret("int", -1))
          \/ objs[a.h].at = "moved" /\ Fail({"unspecified"}, Ret("int", -1))
          \/ ~a.zero /\ Undefined
          \/ /\ a.zero
             /\ objs' = [objs EXCEPT ![a.h].at = "moved", ![a.h].to = a.r]
             /\ ret' = Ret("int", 0) /\ UNCHANGED <<log, err, regions, nss>>

\* @clauses noreloc.setbase.relocated, noreloc.setbase.relocated-branch, noreloc.dlrelocate.after-failure-ops, base.dlclose.bad-handle
DlsetObjectBase(a) ==
    \/ ~LiveHandle(a.h) /\ Undefined
    \/ LiveHandle(a.h) /\ St(a.h) = "relocated" /\ Fail({"unspecified"}, IF Form = "branch" THEN Ret("int", -1) ELSE Ret("nonzero", 0))
    \/ LiveHandle(a.h) /\ St(a.h) = "failed" /\ Fail({"EINVAL", "unspecified"}, Ret("int", -1))
    \/ LiveHandle(a.h) /\ St(a.h) # "relocated" /\ Record(a)

\* The caller copies the object's extent into region r (`a` is [h, r, fits]); it must be writable and long enough.
\* @clauses noreloc.defer.readable, noreloc.defer.gaps-readable, noreloc.setbase.caller-copy
CopyObject(a) ==
    \/ /\ ~LiveHandle(a.h) \/ ~Usable(a.r) \/ ~a.fits \/ ~regions[a.r].wr
       /\ Undefined
    \/ /\ LiveHandle(a.h) /\ Usable(a.r) /\ a.fits /\ regions[a.r].wr
       /\ regions' = With(a.r, [regions[a.r] EXCEPT !.copy = a.h])
       /\ ret' \in {NoRet, Ret("any", 0)}
       /\ UNCHANGED <<objs, log, err, nss>>

\* The caller unmaps the range an object occupied before dlset_object_base moved it.
\* @clauses noreloc.setbase.old-range
ReleaseOld(k) ==
    \/ objs[k].at # "moved" /\ Undefined
    \/ objs[k].at = "moved" /\ ret' = NoRet /\ UNCHANGED <<objs, log, err, regions, nss>>

\* @clauses noreloc.setbase.caller-copy
CallerMemory(a) == Memory(a)
\* @clauses base.dlsym.found, base.dladdr.fields
CallerCode == Use
\* @clauses base.dlerror.once, base.dlerror.success-silent
DlerrorCall == Dlerror

Next ==
    \/ \E a \in MemoryCalls : CallerMemory(a)
    \/ \E a \in OpenCalls : Dlopen(a)
    \/ \E k \in Handles("dlclose") : Dlclose(k)
    \/ \E k \in 0..Len(objs), b \in Bases : Dlrelocate([h |-> k, base |-> b])
    \/ \E k \in 0..Len(objs), c \in CopyCalls : CopyObject([h |-> k, r |-> c.r, fits |-> c.fits])
    \/ \E k \in 0..Len(objs), c \in SetbaseCalls : DlsetObjectBase([h |-> k, r |-> c.r, off |-> c.off, zero |-> c.zero])
    \/ \E k \in Handles("release") \ {0} : ReleaseOld(k)
    \/ \E h \in Handles("dlsym") : Dlsym(h)
    \/ \E h \in Handles("dlinfo"), req \in Requests : Dlinfo(h, req)
    \/ "code" \in Queries /\ CallerCode
    \/ "dlerror" \in Queries /\ DlerrorCall

Spec == Init /\ [][Next]_vars

\* @clauses base.dlerror.error-class, noreloc.mapinfo.relocated
TypeOK ==
    /\ \A k \in 1..Len(objs) : objs[k].st \in {"unrelocated", "relocated", "failed", "closed"} /\ objs[k].refs \in Nat
    /\ err \in Errors \cup {"none"}

\* @clauses noreloc.defer.ctors, noreloc.dlrelocate.failure
InvCtorsOnlyWhenRelocated ==
    \A i \in DOMAIN log : log[i].ev = "ctor" => objs[log[i].obj].st \in {"relocated", "closed"}

\* @clauses noreloc.defer.deps-deferred, noreloc.dependent.plain-dlopen
InvRelocatedOnRelocated ==
    \A k \in 1..Len(objs) : objs[k].st = "relocated" => \A d \in Range(objs[k].deps) : objs[d].st # "unrelocated"

=============================================================================
