#!/usr/bin/env python3
"""What predicts whether a car that arrives between 14 and 21 h is still plugged in at 23:00 and at 07:00,
on the source data of the generated scenarios (docs/scheduler.md, "The information limit").

Each arrival is predicted from its resident's previous 28 days (at least 5 sessions): the habits' estimate
(arrival-time kernel 1.25 h, other day type at 0.6, shrunk toward 0.6 with the weight of 2 sessions), then a
logistic model on it, alone and with more features, cross-validated over residents in five folds. Prints the
constant's Brier score, the raw habit estimate's, and (log loss, Brier) for each feature set.
Needs numpy and scipy (apt-get install -y python3-scipy).

  python3 tools/bench/departure-features.py
"""
import csv, datetime as dt, math, json, os
from whole_number import arguments, module, no_lines, readable_file, refuse
arguments("departure-features.py (no arguments; SESSIONS_CSV names the source data)", 0, 0)
DATA = readable_file("SESSIONS_CSV", os.environ.get("SESSIONS_CSV", os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data", "trondheim-apartment-sessions.csv")))
by={}
gar={}
COLUMNS = ("Start_plugin", "End_plugout", "El_kWh", "User_ID", "Garage_ID")
reader = csv.DictReader(open(DATA, newline=""), delimiter=";")
# Its columns checked first: a file without one was a traceback (KeyError) until 2026-12-07.
if not set(COLUMNS) <= set(reader.fieldnames or []):
    refuse("SESSIONS_CSV", DATA, "the Trondheim sessions, ';'-separated with the columns " + ", ".join(COLUMNS))
np = module("numpy", "python3-numpy")  # after the arguments: their error is not numpy's start-up
minimize = module("scipy.optimize", "python3-scipy").minimize
for r in reader:
    try:
        a=dt.datetime.strptime(r["Start_plugin"],"%d.%m.%Y %H:%M"); d=dt.datetime.strptime(r["End_plugout"],"%d.%m.%Y %H:%M"); k=float(r["El_kWh"].replace(",","."))
    except (ValueError, AttributeError): continue  # a row cut short (None) is skipped as one of no date is
    if d-a<dt.timedelta(minutes=20) or k<0.5 or d-a>dt.timedelta(days=4): continue
    by.setdefault(r["User_ID"],[]).append((a,d,k)); gar[r["User_ID"]]=r["Garage_ID"]
users=[u for u,s in by.items() if len(s)>=20]
for u in users: by[u].sort()
def hod(t): return t.hour+t.minute/60
def wk(t): return t.weekday()>=5
def sim(h,we,h0,we0,bw=1.25):
    d=abs(h-h0); d=min(d,24-d); w=math.exp(-0.5*(d/bw)**2); return w if we==we0 else 0.6*w
rows=[]
for u in users:
    S=by[u]
    for i,(a,d,k) in enumerate(S):
        past=[s for s in S[:i] if s[0]>=a-dt.timedelta(days=28) and s[1]<=a]
        if len(past)<5: continue
        h=hod(a)
        if not (14<=h<21): continue
        t23=a.replace(hour=23,minute=0); t07=(a+dt.timedelta(days=1)).replace(hour=7,minute=0)
        y23=d>t23; y07=d>t07
        ws=[sim(hod(p[0]),wk(p[0]),h,wk(a)) for p in past]
        W=sum(ws)+1e-9
        stays=[(p[1]-p[0]).total_seconds()/3600 for p in past]
        x23=(t23-a).total_seconds()/3600; x07=(t07-a).total_seconds()/3600
        f23=sum(w for w,s in zip(ws,stays) if s>x23)/W
        f07=sum(w for w,s in zip(ws,stays) if s>x07)/W
        # clock-time version: past session still present at its own evening's 23:00 / next 07:00
        c23=sum(w for w,p in zip(ws,past) if p[1]>p[0].replace(hour=23,minute=0) if p[0].hour>=12)/W
        last=past[-1]
        gap=(a-last[1]).total_seconds()/3600
        laststay=(last[1]-last[0]).total_seconds()/3600
        n7=sum(1 for p in past if p[0]>=a-dt.timedelta(days=7))
        # sessions already today before this one
        today=sum(1 for p in S[:i] if p[0].date()==a.date())
        rows.append(dict(u=u,g=gar[u],h=h,we=int(wk(a)),wd=a.weekday(),W=W,f23=f23,f07=f07,c23=c23,gap=gap,laststay=laststay,n7=n7,npast=len(past),today=today,y23=int(y23),y07=int(y07),stay=(d-a).total_seconds()/3600,kwh=k,lastk=last[2]))
if not rows:
    # No user with the sessions the features need was an IndexError of the folds until 2026-12-07.
    no_lines("SESSIONS_CSV", DATA, "sessions of users of 20 or more, 5 in the 28 days before, plugged in at 14-21 h")
print(len(rows), np.mean([r["y23"] for r in rows]), np.mean([r["y07"] for r in rows]))

R = rows
users=sorted(set(r["u"] for r in R)); rng=np.random.default_rng(1); fold={u:rng.integers(5) for u in users}
def lg(p): p=min(max(p,0.02),0.98); return math.log(p/(1-p))
def shrink(f,W,prior,k=2.0): return (f*W+prior*k)/(W+k)
def X(r,tgt,extra):
    f=r["f"+tgt]; base=[1.0, lg(shrink(f,r["W"],0.6)), math.log(r["W"]+0.1)]
    e={"gap":[math.log(r["gap"]+0.5)], "laststay":[math.log(r["laststay"])], "n7":[r["n7"]], "today":[min(r["today"],2)],
       "h":[r["h"]-17,(r["h"]-17)**2], "wd":[1.0*(r["wd"]==i) for i in range(6)], "c23":[lg(shrink(r["c23"],r["W"],0.6))],
       "lastk":[math.log(r["lastk"]+1)], "we":[r["we"]]}
    for k in extra: base+=e[k]
    return base
def fit(tgt,extra):
    ll=0; br=0; n=0
    for k in range(5):
        tr=[r for r in R if fold[r["u"]]!=k]; te=[r for r in R if fold[r["u"]]==k]
        A=np.array([X(r,tgt,extra) for r in tr]); y=np.array([r["y"+tgt] for r in tr])
        def nll(b):
            z=A@b; return np.sum(np.logaddexp(0,z)-y*z)+0.01*b@b
        b=minimize(nll,np.zeros(A.shape[1]),method="BFGS").x
        B=np.array([X(r,tgt,extra) for r in te]); yt=np.array([r["y"+tgt] for r in te])
        p=1/(1+np.exp(-B@b)); ll+=-np.sum(yt*np.log(p)+(1-yt)*np.log(1-p)); br+=np.sum((p-yt)**2); n+=len(te)
    return ll/n, br/n
for tgt in ["23","07"]:
    y=np.array([r["y"+tgt] for r in R]); m=y.mean()
    print(tgt,"const brier",round(m*(1-m),4))
    raw=np.array([shrink(r["f"+tgt],r["W"],0.6) for r in R]); print(" habit raw brier",round(np.mean((raw-y)**2),4))
    for extra in [[],["gap"],["laststay"],["n7"],["today"],["h"],["wd"],["c23"],["lastk"],["gap","laststay","n7","today","h","wd","lastk"]]:
        print(" ",extra, [round(v,4) for v in fit(tgt,extra)])
