------------------------------- MODULE Dlmem -------------------------------
(***************************************************************************)
(* dlmem(): loading a shared object from a caller's buffer.                *)
(* The state abstracts the process to what the clauses talk about: the     *)
(* caller's source buffers, the loaded objects, the constructor log, the   *)
(* premap calls and the pending dlerror() message. Every action is one API *)
(* call and every action and invariant names the clauses it encodes.       *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, Sequences

CONSTANTS
    Images,         \* images a caller can hold in a buffer
    GoodImages,     \* the subset that is a loadable ELF shared object
    Namespaces,     \* namespace ids that exist (LM_ID_BASE is 0)
    MaxObjects      \* bound on loaded objects, for model checking

SourceKinds == {"file-private", "shared", "anon-private", "heap"}
Placements  == {"zero-copy", "copy", "premap-kept"}
States      == {"loaded", "closed"}
Flags       == SUBSET {"DONTREPLACE", "GENBUF_SRC"}

VARIABLES
    sources,        \* [Images -> [kind, virgin, aligned, prot, bytes, mapped]]
    objects,        \* sequence of loaded objects (records below)
    ctorLog,        \* sequence of object indices whose constructors ran
    dtorLog,        \* sequence of object indices whose destructors ran
    premapCalls,    \* premap calls made by the dlmem call in progress
    dlerr           \* "none" or the error class pending for dlerror()

vars == <<sources, objects, ctorLog, dtorLog, premapCalls, dlerr>>

Object(img, ns, name, placement) ==
    [image |-> img, ns |-> ns, name |-> name, refs |-> 1,
     state |-> "loaded", placement |-> placement]

\* @clauses base.dlerror.error-class, dlmem.args.handle
TypeOK ==
    /\ \A i \in DOMAIN sources : sources[i].kind \in SourceKinds
    /\ \A k \in 1..Len(objects) : objects[k].state \in States
    /\ premapCalls \in 0..1
    /\ dlerr \in {"none", "EINVAL", "ENOEXEC", "ENOENT", "ERROR"}

Init ==
    /\ sources = [i \in Images |-> [kind |-> "file-private", virgin |-> TRUE,
                                    aligned |-> TRUE, prot |-> "r", bytes |-> i,
                                    mapped |-> TRUE]]
    /\ objects = << >>
    /\ ctorLog = << >>
    /\ dtorLog = << >>
    /\ premapCalls = 0
    /\ dlerr = "none"

Loaded(k) == objects[k].state = "loaded"

\* A source the proposal supports without DLMEM_GENBUF_SRC.
Supported(src, flags) ==
    \/ "GENBUF_SRC" \in flags
    \/ src.kind = "shared"
    \/ src.kind = "file-private" /\ src.virgin

\* @clauses dlmem.args.unaligned-buffer, dlmem.args.mode-invalid, dlmem.args.nsid-invalid, dlmem.premap.not-called-invalid, dlmem.source.protections-unchanged
DlmemRejectArgs(img, ns, flags) ==
    /\ \/ ~sources[img].aligned /\ "GENBUF_SRC" \notin flags
       \/ ns \notin Namespaces
    /\ dlerr' = "EINVAL"
    /\ UNCHANGED <<sources, objects, ctorLog, dtorLog, premapCalls>>

\* @clauses dlmem.elf.bad-magic, dlmem.elf.truncated, dlmem.elf.no-load, dlmem.elf.no-crash, dlmem.fail.clean
DlmemRejectImage(img, ns, flags) ==
    /\ img \notin GoodImages
    /\ sources[img].aligned \/ "GENBUF_SRC" \in flags
    /\ ns \in Namespaces
    /\ dlerr' \in {"ENOEXEC", "ERROR"}
    /\ UNCHANGED <<sources, objects, ctorLog, dtorLog, premapCalls>>

\* @clauses dlmem.args.handle, dlmem.place.layout, dlmem.place.zero-copy, dlmem.place.genbuf-copy, dlmem.place.dontreplace, dlmem.premap.called-once, dlmem.deps.ctors-order, dlmem.names.anonymous, dlmem.source.bytes-unchanged
DlmemLoad(img, ns, flags, withPremap) ==
    /\ img \in GoodImages
    /\ sources[img].aligned \/ "GENBUF_SRC" \in flags
    /\ ns \in Namespaces
    /\ Supported(sources[img], flags)
    /\ Len(objects) < MaxObjects
    /\ LET placement == IF "DONTREPLACE" \in flags /\ withPremap THEN "premap-kept"
                        ELSE IF "GENBUF_SRC" \in flags THEN "copy"
                        ELSE "zero-copy"
       IN objects' = Append(objects, Object(img, ns, "", placement))
    /\ ctorLog' = Append(ctorLog, Len(objects) + 1)
    /\ premapCalls' = IF withPremap THEN 1 ELSE 0
    /\ UNCHANGED <<sources, dtorLog, dlerr>>

\* @clauses dlmem.deps.missing, dlmem.deps.undefined, dlmem.fail.clean, dlmem.fail.premap-mapping
DlmemDependencyFails(img, ns, flags, withPremap) ==
    /\ img \in GoodImages
    /\ ns \in Namespaces
    /\ sources[img].aligned \/ "GENBUF_SRC" \in flags
    /\ premapCalls' = IF withPremap THEN 1 ELSE 0
    /\ dlerr' = "ENOENT"
    /\ UNCHANGED <<sources, objects, ctorLog, dtorLog>>

\* @clauses dlmem.source.release-after, dlmem.close.source-untouched
CallerUnmapsSource(img) ==
    /\ sources[img].mapped
    /\ sources' = [sources EXCEPT ![img].mapped = FALSE]
    /\ UNCHANGED <<objects, ctorLog, dtorLog, premapCalls, dlerr>>

\* @clauses dlmem.source.virgin, dlmem.source.non-virgin
CallerWritesSource(img) ==
    /\ sources[img].mapped
    /\ sources' = [sources EXCEPT ![img].virgin = FALSE]
    /\ UNCHANGED <<objects, ctorLog, dtorLog, premapCalls, dlerr>>

\* @clauses dlmem.close.refcount, dlmem.close.premap-mapping, base.dlclose.refcount
Dlclose(k) ==
    /\ k \in 1..Len(objects)
    /\ Loaded(k)
    /\ IF objects[k].refs = 1
         THEN /\ objects' = [objects EXCEPT ![k].refs = 0, ![k].state = "closed"]
              /\ dtorLog' = Append(dtorLog, k)
         ELSE /\ objects' = [objects EXCEPT ![k].refs = @ - 1]
              /\ UNCHANGED dtorLog
    /\ UNCHANGED <<sources, ctorLog, premapCalls, dlerr>>

\* @clauses base.dlerror.once
Dlerror ==
    /\ dlerr' = "none"
    /\ UNCHANGED <<sources, objects, ctorLog, dtorLog, premapCalls>>

Next ==
    \/ \E i \in Images, n \in Namespaces \cup {-2}, f \in Flags :
          \/ DlmemRejectArgs(i, n, f)
          \/ DlmemRejectImage(i, n, f)
          \/ \E p \in BOOLEAN : DlmemLoad(i, n, f, p) \/ DlmemDependencyFails(i, n, f, p)
    \/ \E i \in Images : CallerUnmapsSource(i) \/ CallerWritesSource(i)
    \/ \E k \in 1..Len(objects) : Dlclose(k)
    \/ Dlerror

Spec == Init /\ [][Next]_vars

\* @clauses dlmem.deps.ctors-order, base.dlopen.dedup
InvCtorsOnce ==
    \A a, b \in 1..Len(ctorLog) : a # b => ctorLog[a] # ctorLog[b]

\* @clauses dlmem.close.refcount, base.dlclose.refcount
InvDtorsAfterCtors ==
    \A a \in 1..Len(dtorLog) : \E b \in 1..Len(ctorLog) : ctorLog[b] = dtorLog[a]

\* @clauses dlmem.premap.called-once
InvPremapAtMostOnce == premapCalls <= 1

\* @clauses dlmem.source.protections-unchanged, dlmem.source.bytes-unchanged
InvSourceUntouched ==
    \A i \in Images : sources[i].prot = "r" /\ sources[i].bytes = i

\* @clauses dlmem.close.refcount
InvClosedHoldsNothing ==
    \A k \in 1..Len(objects) : objects[k].state = "closed" => objects[k].refs = 0
=============================================================================
