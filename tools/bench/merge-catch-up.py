#!/usr/bin/env python3
"""Writes the journals of HeldAsideFloodTest at any size, for timing aggregate-merge (docs/aggregate.md, step 3).

Usage: merge-catch-up.py GATEWAYS SPAN_S DOWN_S DIR [PERIOD_S] -- four journals a1, a2, b1, b2 in DIR: GATEWAYS send
telemetry every PERIOD_S seconds (default 5) for SPAN_S seconds, each message journalled by two instances (two share
groups of two, round robin), and the host of a2 and b2 down for the last DOWN_S seconds, catching up right after at a
line a millisecond. A day of 1,000 gateways once a minute, no host down (`1000 86400 0 DIR 60`), is what
docs/aggregate.md's merge memory figure is measured on.
"""
import os, sys, datetime as dt
from whole_number import made_folder, whole_number
if len(sys.argv) not in (5, 6):
    print("merge-catch-up.py: give GATEWAYS SPAN_S DOWN_S DIR [PERIOD_S] (the script's first lines say them)",
          file=sys.stderr)
    sys.exit(2)
G, SPAN, out = whole_number("GATEWAYS", sys.argv[1]), whole_number("SPAN_S", sys.argv[2]), sys.argv[4]
DOWN = whole_number("DOWN_S", sys.argv[3], least=0)
P = whole_number("PERIOD_S", sys.argv[5]) if len(sys.argv) > 5 else 5
S = dt.datetime(2026,12,1,tzinfo=dt.timezone.utc)
def iso(t): return (S+dt.timedelta(milliseconds=t)).strftime('%Y-%m-%dT%H:%M:%S.%f')[:-3]+'Z'
names=['a1','a2','b2','b1']; lines=[]
downFrom=(SPAN-DOWN)*1000; back=SPAN*1000; k=0; cu=0
def tel(gw,seq,ts,at,j): return (at,j,'{"id":"%s:%d","gatewayId":"%s","seq":%d,"type":"telemetry","ts":"%s","receivedAt":"%s","instance":"%s","transformerKw":102.0,"baseKw":100.0,"evKw":2.0,"limitKw":400.0,"shedKw":2.0,"addKw":298.0}'%(gw,seq,gw,seq,iso(ts),iso(at),names[j]))
for r in range(1,SPAN//P+1):
    ts=1000*P*(r-1)
    for g in range(G):
        sent=ts+g; live=0 if k%2==0 else 3; other=2 if k%2==0 else 1; k+=1
        lines.append(tel('gw-%d'%g,r,ts,sent,live))
        if sent<downFrom: at=sent+1
        else: cu+=1; at=back+cu
        lines.append(tel('gw-%d'%g,r,ts,at,other))
lines.sort(key=lambda l:l[0])
made_folder("DIR", out)
fs=[open('%s/%s.jsonl'%(out,n),'w') for n in names]
for at,j,t in lines: fs[j].write(t+'\n')
for f in fs: f.close()
print(len(lines))
