------------------------------- MODULE Loader -------------------------------
(***************************************************************************)
(* The loader both proposals extend: the objects dlopen and dlmem load     *)
(* with their dependencies, open counts, the constructors and destructors  *)
(* that ran, the pending dlerror() message, the namespaces and the         *)
(* caller's memory regions. Dlmem and Norelocate extend this module; it    *)
(* holds what they share: loading a dependency closure, the order          *)
(* constructors and destructors run in, unloading, and the caller's own    *)
(* memory operations.                                                      *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, Sequences

CONSTANTS
    Images,         \* the fixture images calls can name
    FileName,       \* [Images -> STRING]: the name dlopen and DT_NEEDED find an image by
    Soname,         \* [Images -> STRING]: its DT_SONAME, "" when it has none
    Needed,         \* [Images -> Seq(STRING)]: its DT_NEEDED entries, in order
    SystemLibs,     \* the DT_NEEDED names the system provides (libc.so.6)
    CtorImages,     \* the images whose constructor reports that it ran
    DtorImages,     \* the images whose destructor reports that it ran
    Unresolved,     \* the images with a reference only some other object in scope may define
    KnownModes,     \* the mode flags the loader defines
    MaxObjects,     \* how many objects a model-checked behaviour may load
    UseRets,        \* the kinds of value the caller's own code may return
    Queries,        \* the calls on handles to explore: "dlclose", "dlsym", "dlinfo", "code", "dlerror", "release"
    Requests        \* the dlinfo requests to explore

VARIABLES
    objs,           \* every object loaded, in load order: [img, ns, name, soname, refs, st, deps, via, nodelete, at, to]
    log,            \* the constructors and destructors that ran, in order: [ev, obj]
    err,            \* the error class dlerror() reports next, or "none"
    ret,            \* what the last call returned: [kind, val]
    regions,        \* the caller's regions by name: [kind, virgin, aligned, mapped, rd, wr, copy]
    nss             \* how many namespaces exist (0 is LM_ID_BASE)

loaderVars == <<objs, log, err, ret, regions, nss>>

Ret(kind, val) == [kind |-> kind, val |-> val]
NoRet == Ret("none", 0)
Null == Ret("null", 0)
Handle(k) == Ret("handle", k)
Errors == {"EINVAL", "ENOENT", "ENOMEM", "ENOEXEC", "ELIBBAD", "unspecified"}

Range(s) == {s[i] : i \in DOMAIN s}
Min(S) == CHOOSE k \in S : \A j \in S : k <= j
Perms(S) == {q \in [1..Cardinality(S) -> S] : \A i, j \in 1..Cardinality(S) : i # j => q[i] # q[j]}

Main == [img |-> "main", ns |-> 0, name |-> "", soname |-> "", refs |-> 1, st |-> "relocated",
         deps |-> <<>>, via |-> "main", nodelete |-> FALSE, at |-> "loader", to |-> ""]

LoaderInit ==
    /\ objs = <<Main>>
    /\ log = <<>>
    /\ err = "none"
    /\ ret = NoRet
    /\ regions = [r \in {} |-> 0]
    /\ nss = 1

\* The state constraint of model checking: a bounded number of objects, references and events.
Bounded == Len(objs) <= MaxObjects /\ Len(log) <= 2 * MaxObjects /\ \A k \in 1..Len(objs) : objs[k].refs <= 2

\* A call's mode as the loader goes on with it, and whether the loader may reject it.
Mode(a) == a.mode \cap KnownModes
BadMode(a) == a.bad \/ ~(a.mode \subseteq KnownModes)

\* The handles a query explores: every object's and a bad one (0), and RTLD_DEFAULT (-1) for dlsym.
Handles(q) == {h \in (0..Len(objs)) \cup {-1} : q \in Queries /\ (h = -1 => q = "dlsym")}

Live(os, k) == os[k].st # "closed"
LiveHandle(k) == k \in 1..Len(objs) /\ Live(objs, k)
\* A handle dlclose may still close: closed to zero opens, it is closed already even while a dependent
\* holds its object (base.dlclose.bad-handle); a system library has no opens of its own to count.
OpenHandle(k) == LiveHandle(k) /\ (objs[k].refs > 0 \/ objs[k].via = "system")
NeedsOf(o) == IF o.img \in Images /\ o.via \notin {"system", "main"} THEN Needed[o.img] ELSE <<>>

\* The live objects of namespace ns a name finds (by l_name or DT_SONAME); skip passes over dlmem's.
Named(os, ns, n, skip) ==
    {k \in 1..Len(os) : /\ os[k].ns = ns /\ Live(os, k) /\ n # ""
                        /\ (os[k].name = n \/ os[k].soname = n)
                        /\ ~(skip /\ os[k].via = "dlmem")}

\* Every object k depends on, directly or not.
RECURSIVE ReachFrom(_, _, _)
ReachFrom(os, todo, seen) ==
    IF todo = {} THEN seen
    ELSE LET k == CHOOSE x \in todo : TRUE
             new == Range(os[k].deps) \ seen
         IN ReachFrom(os, (todo \ {k}) \cup new, seen \cup new)
Reach(os, k) == ReachFrom(os, {k}, {})

\* The orders S can run its constructors in: each object after those it depends on.
InitOrders(os, S) == {q \in Perms(S) : \A i, j \in DOMAIN q : i < j => q[j] \notin Reach(os, q[i])}
\* The orders S can run its destructors in: each object before those it depends on.
FiniOrders(os, S) == {q \in Perms(S) : \A i, j \in DOMAIN q : i < j => q[i] \notin Reach(os, q[j])}
Events(ev, q) == [i \in DOMAIN q |-> [ev |-> ev, obj |-> q[i]]]

NewObj(img, ns, name, soname, via, st, nodelete) ==
    [img |-> img, ns |-> ns, name |-> name, soname |-> soname, refs |-> 0, st |-> st,
     deps |-> <<>>, via |-> via, nodelete |-> nodelete, at |-> "loader", to |-> ""]

\* Enters the DT_NEEDED names of object k, in order: a live object of that name is shared, a
\* system library stands for itself, any other name is found by file name or the load fails.
RECURSIVE EnterNeeded(_, _, _, _)
EnterNeeded(s, k, names, skip) ==
    IF names = <<>> \/ ~s.ok THEN [s EXCEPT !.os[k].deps = s.deps]
    ELSE LET n == Head(names)
             o == s.os[k]
             found == Named(s.os, o.ns, n, skip)
             next == Len(s.os) + 1
             files == {i \in Images : FileName[i] = n}
         IN IF found # {} THEN EnterNeeded([s EXCEPT !.deps = Append(@, Min(found))], k, Tail(names), skip)
            ELSE IF n \in SystemLibs
              THEN EnterNeeded([s EXCEPT !.os = Append(@, NewObj(n, o.ns, n, n, "system", "relocated", FALSE)),
                                         !.deps = Append(@, next)], k, Tail(names), skip)
            ELSE IF files = {} THEN [s EXCEPT !.ok = FALSE]
            ELSE LET i == CHOOSE x \in files : TRUE
                 IN EnterNeeded([s EXCEPT !.os = Append(@, NewObj(i, o.ns, n, Soname[i], "dependency", "unrelocated", o.nodelete)),
                                          !.deps = Append(@, next), !.queue = Append(@, next), !.added = Append(@, next)],
                                k, Tail(names), skip)

RECURSIVE Closure(_, _)
Closure(s, skip) ==
    IF ~s.ok \/ s.queue = <<>> THEN s
    ELSE LET k == Head(s.queue)
         IN Closure(EnterNeeded([s EXCEPT !.queue = Tail(@), !.deps = <<>>], k, NeedsOf(s.os[k]), skip), skip)

\* Loading root (a new object record) after the objects os and every DT_NEEDED it brings in,
\* breadth first, all of them unrelocated: [ok, os, added]; ok is FALSE when a dependency is found nowhere.
LoadClosureIn(os, root, skip) ==
    LET k == Len(os) + 1
        s == Closure([ok |-> TRUE, os |-> Append(os, [root EXCEPT !.refs = 1]), queue |-> <<k>>,
                      added |-> <<k>>, deps |-> <<>>], skip)
    IN [ok |-> s.ok, os |-> s.os, added |-> Range(s.added)]
LoadClosure(root, skip) == LoadClosureIn(objs, root, skip)

\* Whether relocating S can fail: some object in it has a reference its own closure may not define.
MayFail(os, S) == \E k \in S : os[k].img \in Unresolved

\* os with S relocated.
Relocated(os, S) == [k \in DOMAIN os |-> IF k \in S THEN [os[k] EXCEPT !.st = "relocated"] ELSE os[k]]
\* The constructor events relocating S may log, and the destructor events unloading U may log.
CtorSeqs(os, S) == {Events("ctor", q) : q \in InitOrders(os, {k \in S : os[k].img \in CtorImages})}
DtorSeqs(os, U) == {Events("dtor", q) : q \in FiniOrders(os, {j \in U : os[j].st = "relocated" /\ os[j].img \in DtorImages})}
\* @clauses base.dlopen.ctors-before-return, dlmem.deps.ctors-order
RunCtors(os, S) == \E c \in CtorSeqs(os, S) : log' = log \o c
Dropped(os, S) == [k \in DOMAIN os |-> IF k \in S THEN [os[k] EXCEPT !.st = "closed", !.refs = 0] ELSE os[k]]

\* The objects that unloading k takes with it: k and the dependencies nothing else holds.
RECURSIVE Shrink(_, _, _)
Shrink(os, U, k) ==
    LET held == {j \in U \ {k} : os[j].refs > 0 \/ \E d \in (1..Len(os)) \ U : Live(os, d) /\ j \in Range(os[d].deps)}
    IN IF held = {} THEN U ELSE Shrink(os, U \ held, k)
UnloadSet(os, k) == Shrink(os, {j \in Reach(os, k) \cup {k} : Live(os, j) /\ os[j].via \notin {"system", "main"}}, k)
\* Whether dropping the last reference to k unloads it (base.dlclose.refcount).
Unloads(os, k) ==
    /\ os[k].refs = 0 /\ ~os[k].nodelete /\ os[k].via \notin {"system", "main"}
    /\ ~\E d \in 1..Len(os) : d # k /\ Live(os, d) /\ k \in Range(os[d].deps)

\* @clauses base.dlclose.refcount
Unload(os, U) ==
    /\ objs' = Dropped(os, U)
    /\ \E d \in DtorSeqs(os, U) : log' = log \o d

\* The namespace a call names: [ok, ns, new]; -1 is LM_ID_NEWLM.
Target(n) ==
    IF n = 0 THEN [ok |-> TRUE, ns |-> 0, new |-> FALSE]
    ELSE IF n = -1 THEN [ok |-> TRUE, ns |-> nss, new |-> TRUE]
    ELSE [ok |-> n \in 1..(nss - 1) /\ \E k \in 1..Len(objs) : objs[k].ns = n /\ Live(objs, k), ns |-> n, new |-> FALSE]

\* With RTLD_NOLOAD and nothing loaded: NULL, with or without a dlerror() message.
\* @clauses base.dlopen.noload, dlmem.names.noload
NotLoaded ==
    /\ err' \in {err, "unspecified"}
    /\ ret' = Null
    /\ UNCHANGED <<objs, log, regions, nss>>

\* Each object's constructor runs at most once.
\* @clauses base.dlopen.dedup, dlmem.deps.ctors-order, noreloc.trigger.once, noreloc.defer.ctors
InvCtorsOnce ==
    \A i, j \in DOMAIN log : i # j /\ log[i].ev = "ctor" /\ log[j].ev = "ctor" => log[i].obj # log[j].obj

\* A destructor runs only after its object's constructor did.
\* @clauses base.dlclose.refcount, dlmem.close.refcount, noreloc.close.after-failure, noreloc.dlrelocate.failure
InvDtorsAfterCtors ==
    \A i \in DOMAIN log : log[i].ev = "dtor" /\ objs[log[i].obj].img \in CtorImages =>
        \E j \in 1..(i - 1) : log[j] = [ev |-> "ctor", obj |-> log[i].obj]

\* A loaded object's dependencies stay loaded; a closed object holds no reference.
\* @clauses base.dlclose.refcount, dlmem.close.refcount, dlmem.fail.clean
InvDependenciesStay ==
    \A k \in 1..Len(objs) : /\ Live(objs, k) => \A d \in Range(objs[k].deps) : Live(objs, d)
                            /\ objs[k].st = "closed" => objs[k].refs = 0

------------------------------------------------------------------------------
(* The caller's memory: a region's kind, whether a private file mapping is  *)
(* still virgin, alignment, protections, and a copy of an object made by    *)
(* copy-object. None of these involve the loader.                           *)

NewRegion(a) == [kind |-> a.kind, virgin |-> a.kind = "file-private", aligned |-> a.aligned, mapped |-> TRUE,
                 rd |-> a.rd, wr |-> a.wr, copy |-> 0]
With(r, v) == [x \in DOMAIN regions \cup {r} |-> IF x = r THEN v ELSE regions[x]]
Usable(r) == r \in DOMAIN regions /\ regions[r].mapped

\* @clauses base.dlclose.bad-handle, dlmem.args.size-beyond-buffer, noreloc.setbase.caller-copy
Undefined ==
    /\ ret' = Ret("any", 0)
    /\ UNCHANGED <<objs, log, err, regions, nss>>

\* @clauses dlmem.source.virgin, dlmem.source.shared, dlmem.place.zero-copy
MapRegion(a) ==
    /\ regions' = With(a.r, NewRegion(a))
    /\ ret' = NoRet
    /\ UNCHANGED <<objs, log, err, nss>>

\* @clauses dlmem.source.virgin, dlmem.source.release-after
WriteRegion(a) ==
    \/ /\ ~Usable(a.r) \/ ~a.fits
       /\ Undefined
    \/ /\ Usable(a.r) /\ a.fits
       /\ regions' = With(a.r, [regions[a.r] EXCEPT !.virgin = FALSE, !.copy = 0])
       /\ ret' = NoRet
       /\ UNCHANGED <<objs, log, err, nss>>

\* @clauses dlmem.source.virgin, dlmem.args.size-beyond-buffer
ProtectRegion(a) ==
    \/ ~Usable(a.r) /\ Undefined
    \/ /\ Usable(a.r)
       /\ regions' = With(a.r, [regions[a.r] EXCEPT !.virgin = FALSE, !.rd = a.rd, !.wr = a.wr])
       /\ ret' = NoRet
       /\ UNCHANGED <<objs, log, err, nss>>

\* @clauses dlmem.source.release-after, dlmem.close.source-untouched
UnmapRegion(a) ==
    \/ a.r \notin DOMAIN regions /\ Undefined
    \/ /\ a.r \in DOMAIN regions
       /\ regions' = With(a.r, [regions[a.r] EXCEPT !.mapped = FALSE])
       /\ ret' = NoRet
       /\ UNCHANGED <<objs, log, err, nss>>

\* The caller's own code: a function it calls, data it reads or writes, dladdr. The loader's state stays.
\* @clauses base.dlsym.found, base.dladdr.fields
Use ==
    /\ \E r \in UseRets : ret' = Ret(r, 0)
    /\ UNCHANGED <<objs, log, err, regions, nss>>

\* @clauses base.dlerror.once, base.dlerror.success-silent
Dlerror ==
    /\ ret' = IF err = "none" THEN Null ELSE Ret("string", 0)
    /\ err' = "none"
    /\ UNCHANGED <<objs, log, regions, nss>>

\* The objects a lookup through handle h searches: the global scope for RTLD_DEFAULT (-1) and the
\* main program, else the object and its dependencies.
Scope(h) == IF h \in {-1, 1} THEN {k \in 1..Len(objs) : objs[k].ns = 0 /\ Live(objs, k)} ELSE Reach(objs, h) \cup {h}

\* @clauses base.dlsym.found, base.dlsym.missing, dlmem.names.global
BaseDlsym(h) ==
    \/ /\ h # -1 /\ ~LiveHandle(h)
       /\ Undefined
    \/ /\ h = -1 \/ LiveHandle(h)
       /\ \/ /\ \E k \in Scope(h) : ret' = Ret("symbol", k)
             /\ UNCHANGED <<objs, log, err, regions, nss>>
          \/ Fail({"unspecified"}, Null)

\* @clauses base.dlinfo.linkmap, base.dlinfo.origin, base.dlinfo.bad-request, dlmem.names.origin, dlmem.args.nsid-newlm
BaseDlinfo(h, req) ==
    \/ /\ ~LiveHandle(h)
       /\ Undefined
    \/ /\ LiveHandle(h) /\ req \in {"LINKMAP", "LMID", "ORIGIN"}
       /\ ret' = Ret("int", 0)
       /\ UNCHANGED <<objs, log, err, regions, nss>>
    \/ /\ LiveHandle(h) /\ req \notin {"LINKMAP", "LMID"}
       /\ Fail({"unspecified"}, Ret("int", -1))

\* The caller's memory operations, by the label's op.
\* @clauses dlmem.source.virgin, dlmem.source.release-after
Memory(a) ==
    CASE a.op = "map" -> MapRegion(a)
      [] a.op = "write" -> WriteRegion(a)
      [] a.op = "protect" -> ProtectRegion(a)
      [] OTHER -> UnmapRegion(a)

\* A failed call: nothing changes but dlerror()'s message.
\* @clauses base.dlerror.once
Fail(errs, r) ==
    /\ err' \in errs
    /\ ret' = r
    /\ UNCHANGED <<objs, log, regions, nss>>
=============================================================================
