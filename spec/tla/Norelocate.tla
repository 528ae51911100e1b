----------------------------- MODULE Norelocate -----------------------------
(***************************************************************************)
(* RTLD_NORELOCATE, second form: dlopen without relocation, an optional    *)
(* move (MAPINFO, copy, dlset_object_base), then relocation by dlrelocate  *)
(* or by the first other operation on the handle. One object and its       *)
(* dependencies; every action is one API call and names its clauses.       *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets, Sequences

CONSTANTS
    Deps,           \* dependencies loaded with the object
    Bases,          \* addresses the caller may move the image to
    Resolvable      \* TRUE when every symbol the object needs is defined

Status == {"absent", "unrelocated", "relocated", "failed", "closed"}

VARIABLES
    status,         \* the object's status, one of Status
    base,           \* base in force: "load" or an element of Bases
    copied,         \* bases where the caller has placed a copy of the image
    refs,           \* open count of the handle
    depStatus,      \* [Deps -> Status]
    ctors,          \* sequence of names whose constructors ran
    dtors,          \* sequence of names whose destructors ran
    lastRet         \* value returned by the last call

vars == <<status, base, copied, refs, depStatus, ctors, dtors, lastRet>>

Obj == "object"

\* The dependencies as a sequence, in some fixed order.
SetToSeq(S) == CHOOSE q \in [1..Cardinality(S) -> S] : \A i, j \in DOMAIN q : i # j => q[i] # q[j]

\* @clauses base.dlerror.error-class, noreloc.mapinfo.relocated
TypeOK ==
    /\ status \in Status
    /\ base \in Bases \cup {"load"}
    /\ copied \subseteq Bases
    /\ refs \in Nat
    /\ depStatus \in [Deps -> Status]

Init ==
    /\ status = "absent"
    /\ base = "load"
    /\ copied = {}
    /\ refs = 0
    /\ depStatus = [d \in Deps |-> "absent"]
    /\ ctors = << >>
    /\ dtors = << >>
    /\ lastRet = "none"

\* Relocate the object; its constructors run right after a successful relocation.
\* @clauses noreloc.defer.ctors, noreloc.dlrelocate.failure
Relocate ==
    IF Resolvable
      THEN /\ status' = "relocated"
           /\ ctors' = Append(ctors, Obj)
      ELSE /\ status' = "failed"
           /\ UNCHANGED ctors

\* @clauses noreloc.mode.flag, noreloc.defer.relocation, noreloc.defer.ctors, noreloc.defer.deps-loaded, noreloc.defer.deps-ctors, noreloc.defer.readable
DlopenNorelocate ==
    /\ status = "absent"
    /\ status' = "unrelocated"
    /\ refs' = 1
    /\ depStatus' = [d \in Deps |-> "relocated"]
    /\ ctors' = ctors \o SetToSeq(Deps)
    /\ lastRet' = "handle"
    /\ UNCHANGED <<base, copied, dtors>>

\* @clauses noreloc.reopen.deferred-again, noreloc.reopen.already-relocated
DlopenNorelocateAgain ==
    /\ status \in {"unrelocated", "relocated"}
    /\ refs' = refs + 1
    /\ lastRet' = "handle"
    /\ UNCHANGED <<status, base, copied, depStatus, ctors, dtors>>

\* @clauses noreloc.reopen.plain, base.dlopen.ctors-before-return
DlopenPlainAgain ==
    /\ status = "unrelocated"
    /\ refs' = refs + 1
    /\ Relocate
    /\ lastRet' = IF Resolvable THEN "handle" ELSE "NULL"
    /\ UNCHANGED <<base, copied, depStatus, dtors>>

\* @clauses noreloc.mapinfo.request, noreloc.mapinfo.extent, noreloc.mapinfo.relocated, noreloc.trigger.move-queries-exempt
DlinfoMapinfo ==
    /\ status \in {"unrelocated", "relocated"}
    /\ lastRet' = IF status = "relocated" THEN "relocated=1" ELSE "relocated=0"
    /\ UNCHANGED <<status, base, copied, refs, depStatus, ctors, dtors>>

\* @clauses noreloc.setbase.caller-copy
CallerCopiesImage(b) ==
    /\ status = "unrelocated"
    /\ copied' = copied \cup {b}
    /\ UNCHANGED <<status, base, refs, depStatus, ctors, dtors, lastRet>>

\* @clauses noreloc.setbase.records, noreloc.setbase.no-ctors, noreloc.trigger.setbase-exempt, noreloc.setbase.relocated
DlsetObjectBase(b) ==
    /\ status \in {"unrelocated", "relocated"}
    /\ IF status = "unrelocated"
         THEN /\ base' = b
              /\ lastRet' = 0
         ELSE /\ lastRet' = -1
              /\ UNCHANGED base
    /\ UNCHANGED <<status, copied, refs, depStatus, ctors, dtors>>

\* @clauses noreloc.dlrelocate.first, noreloc.dlrelocate.already, noreloc.dlrelocate.failure, noreloc.trigger.once
Dlrelocate ==
    /\ status \in {"unrelocated", "relocated"}
    /\ IF status = "unrelocated"
         THEN /\ Relocate
              /\ lastRet' = IF Resolvable THEN 0 ELSE "-1/error"
         ELSE /\ lastRet' = "-1/EINVAL"
              /\ UNCHANGED <<status, ctors>>
    /\ UNCHANGED <<base, copied, refs, depStatus, dtors>>

\* @clauses noreloc.trigger.first-operation, noreloc.trigger.dlsym, noreloc.trigger.implicit-failure, noreloc.trigger.once
Dlsym ==
    /\ status \in {"unrelocated", "relocated"}
    /\ IF status = "unrelocated"
         THEN /\ Relocate
              /\ lastRet' = IF Resolvable THEN "address" ELSE "NULL"
         ELSE /\ lastRet' = "address"
              /\ UNCHANGED <<status, ctors>>
    /\ UNCHANGED <<base, copied, refs, depStatus, dtors>>

\* @clauses noreloc.close.after-failure, noreloc.close.unrelocated, base.dlclose.refcount
Dlclose ==
    /\ status \in {"unrelocated", "relocated", "failed"}
    /\ refs' = refs - 1
    /\ IF refs = 1
         THEN /\ status' = "closed"
              /\ dtors' = IF status = "relocated" THEN Append(dtors, Obj) ELSE dtors
         ELSE UNCHANGED <<status, dtors>>
    /\ lastRet' = 0
    /\ UNCHANGED <<base, copied, depStatus, ctors>>

Next ==
    \/ DlopenNorelocate \/ DlopenNorelocateAgain \/ DlopenPlainAgain
    \/ DlinfoMapinfo \/ Dlrelocate \/ Dlsym \/ Dlclose
    \/ \E b \in Bases : CallerCopiesImage(b) \/ DlsetObjectBase(b)

Spec == Init /\ [][Next]_vars

\* @clauses noreloc.defer.ctors, noreloc.trigger.once
InvCtorsOnlyWhenRelocated ==
    (\E i \in DOMAIN ctors : ctors[i] = Obj) => status \in {"relocated", "closed"}

\* @clauses noreloc.trigger.once, noreloc.defer.ctors
InvCtorsAtMostOnce ==
    \A i, j \in DOMAIN ctors : i # j => ctors[i] # ctors[j]

\* @clauses noreloc.dlrelocate.failure, noreloc.close.after-failure
InvNoDtorsWithoutCtors ==
    (\E i \in DOMAIN dtors : dtors[i] = Obj) => \E j \in DOMAIN ctors : ctors[j] = Obj

\* @clauses noreloc.defer.deps-ctors
InvDepsRelocatedWhenLoaded ==
    status = "unrelocated" => \A d \in Deps : depStatus[d] = "relocated"
=============================================================================
