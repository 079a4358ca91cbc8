// The HTML timeline: the trace model, printk lines and reports drawn by an inline script as SVG.
#include <algorithm>
#include <string>
#include <unordered_map>

#include "printk/strprintf.hpp"
#include "trace/model.hpp"
#include "trace/sinks.hpp"
#include "trace/tracer.hpp"

namespace kshim {

namespace {

// Microseconds with three decimals: the script's unit.
std::string us(uint64_t ns) { return strprintf("%llu.%03llu", (unsigned long long)(ns / 1000), (unsigned long long)(ns % 1000)); }

std::string q(const std::string &s) { return "\"" + json_escape(s) + "\""; }

// The rows: CPUs in order, then tasks by pid. Returns each track's row.
std::vector<size_t> row_order(const TraceModel &m, std::string &out)
{
    std::vector<size_t> order(m.tracks.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&m](size_t a, size_t b) {
        const TraceTrack &x = m.tracks[a], &y = m.tracks[b];
        return x.cpu != y.cpu ? x.cpu : x.id < y.id;
    });
    std::vector<size_t> row(order.size());
    out += "\"rows\":[";
    for (size_t r = 0; r < order.size(); ++r) {
        const TraceTrack &t = m.tracks[order[r]];
        row[order[r]] = r;
        out += std::string(r ? "," : "") + "[" + q(t.cpu ? t.name : t.name + "-" + std::to_string(t.id)) + "," +
               (t.cpu ? "1" : "0") + "," + std::to_string(t.id) + "]";
    }
    out += "],\n";
    return row;
}

// Each slice's hover text: its name, then its arguments.
std::string hover(const std::string &name, const std::vector<TraceArg> &args)
{
    std::string h = name;
    for (const TraceArg &a : args)
        h += "\n" + a.key + "=" + a.value;
    return h;
}

// The run as one JSON object the script reads.
std::string data_of(const TraceModel &m, const std::vector<TimelineLine> &log, const std::vector<TimelineReport> &reports,
                    const std::string &title)
{
    std::string out = "{\"title\":" + q(title) + ",\"end\":" + us(m.end_ns) + ",\n";
    const std::vector<size_t> row = row_order(m, out);
    out += "\"slices\":[";
    for (size_t i = 0; i < m.slices.size(); ++i) {
        const TraceSlice &s = m.slices[i];
        out += std::string(i ? ",\n" : "") + "[" + std::to_string(row[s.track]) + "," + us(s.start) + "," + us(s.end) +
               "," + q(s.cat) + "," + q(hover(s.name, s.args)) + "]";
    }
    out += "],\n\"marks\":[";
    for (size_t i = 0; i < m.marks.size(); ++i) {
        const TraceMark &k = m.marks[i];
        out += std::string(i ? ",\n" : "") + "[" + std::to_string(row[k.track]) + "," + us(k.ns) + "," + q(k.cat) + "," +
               q(hover(k.name, k.args)) + "]";
    }
    out += "],\n\"log\":[";
    for (size_t i = 0; i < log.size(); ++i)
        out += std::string(i ? ",\n" : "") + "[" + us(log[i].ns) + "," + std::to_string(log[i].pid) + "," +
               std::to_string(log[i].level) + "," + q(log[i].text) + "]";
    out += "],\n\"reports\":[";
    for (size_t i = 0; i < reports.size(); ++i)
        out += std::string(i ? ",\n" : "") + "[" + us(reports[i].ns) + "," + std::to_string(reports[i].pid) + "," +
               q(reports[i].kind) + "," + q(reports[i].text) + "]";
    return out + "]}";
}

// The page's style and script. The script draws into #tl: a label column, a time axis, a row
// for reports, one for printk lines, then a row per CPU and per task (sleeps drawn first, so
// that what happens during them shows); wheel zooms, drag pans, hovering shows a bar's or
// marker's text (and its SVG <title>).
const char *const kPage = R"PAGE(<style>
body{font:12px sans-serif;margin:8px;background:#fff;color:#222}
#tip{position:fixed;pointer-events:none;background:#ffffe0;border:1px solid #999;padding:3px 5px;white-space:pre;display:none;font:11px monospace}
#legend span{display:inline-block;margin-right:12px}
#legend i{display:inline-block;width:12px;height:10px;margin-right:4px;vertical-align:middle}
svg text{font:11px sans-serif}
</style>
<div id="legend"></div>
<svg id="tl" xmlns="http://www.w3.org/2000/svg"></svg>
<div id="tip"></div>
<script>
(function(){
const D=KSHIM_DATA;
const C={running:"#4a90d9",workqueue:"#2e9e44",sleep:"#c9c9c9",idle:"#e8e8e8",lock:"#e08a1e",irq:"#d0342c",softirq:"#9b59b6",
 tasklet:"#b5651d",timer:"#17becf",hrtimer:"#0e7c86",sched:"#555",report:"#e0115f",printk:"#333"};
const NS="http://www.w3.org/2000/svg",LW=190,RH=20,TOP=34;
const svg=document.getElementById("tl"),tip=document.getElementById("tip");
document.title=D.title;
const lg=document.getElementById("legend");
lg.innerHTML="<b>"+D.title.replace(/&/g,"&amp;").replace(/</g,"&lt;")+"</b> &nbsp; ";
for(const k of ["running","workqueue","sleep","idle","lock","irq","softirq","tasklet","timer","hrtimer","report","printk"])
 lg.innerHTML+='<span><i style="background:'+C[k]+'"></i>'+k+'</span>';
const pidRow={};D.rows.forEach((r,i)=>{if(!r[1])pidRow[r[2]]=i;});
const extra=2,nrows=D.rows.length+extra;
let t0=0,t1=Math.max(D.end,1);
function el(n,a,p){const e=document.createElementNS(NS,n);for(const k in a)e.setAttribute(k,a[k]);(p||svg).appendChild(e);return e;}
function tipOn(e,t){e.addEventListener("mousemove",ev=>{tip.style.display="block";tip.textContent=t;
 tip.style.left=(ev.clientX+12)+"px";tip.style.top=(ev.clientY+12)+"px";});
 e.addEventListener("mouseleave",()=>{tip.style.display="none";});}
function fmt(us){return us>=1e6?(us/1e6).toFixed(3)+" s":us>=1e3?(us/1e3).toFixed(3)+" ms":us.toFixed(1)+" us";}
function draw(){
 const W=Math.max(600,window.innerWidth-20),PW=W-LW-10,H=TOP+nrows*RH+10;
 svg.setAttribute("width",W);svg.setAttribute("height",H);svg.innerHTML="";
 const X=t=>LW+(t-t0)/(t1-t0)*PW;
 el("rect",{x:0,y:0,width:W,height:H,fill:"#fff"});
 const labels=["reports","printk"].concat(D.rows.map(r=>r[0]));
 labels.forEach((name,i)=>{const y=TOP+i*RH;
  el("rect",{x:0,y:y,width:W,height:RH,fill:i%2?"#f4f6f8":"#fff"});
  const t=el("text",{x:6,y:y+14,"class":"row-label"});t.textContent=name;});
 const step=Math.pow(10,Math.floor(Math.log10((t1-t0)/6)));
 const mul=(t1-t0)/step>30?5:(t1-t0)/step>12?2:1;
 for(let t=Math.ceil(t0/(step*mul))*step*mul;t<=t1;t+=step*mul){const x=X(t);
  el("line",{x1:x,y1:TOP-4,x2:x,y2:H-10,stroke:"#ddd"});
  if(x<W-60)el("text",{x:x+2,y:TOP-8,fill:"#666"}).textContent=fmt(t);}
 const clip=(a,b)=>[Math.max(a,t0),Math.min(b,t1)];
 const isBack=s=>s[3]==="sleep"||s[3]==="idle";
 for(const s of D.slices.filter(isBack).concat(D.slices.filter(s=>!isBack(s)))){
  if(s[2]<t0||s[1]>t1)continue;const [a,b]=clip(s[1],s[2]);
  const y=TOP+(s[0]+extra)*RH,inner=s[3]!=="running"&&D.rows[s[0]][1],back=isBack(s);
  const r=el("rect",{x:X(a),y:y+(inner?7:3),width:Math.max(back?1:4,X(b)-X(a)),height:inner?11:14,fill:C[s[3]]||"#888","class":"bar "+s[3]});
  el("title",{},r).textContent=s[4];tipOn(r,s[4]);}
 for(const m of D.marks){if(m[1]<t0||m[1]>t1)continue;const x=X(m[1]),y=TOP+(m[0]+extra)*RH;
  const r=el("path",{d:"M"+(x-3)+","+(y+1)+"l6,0l-3,5z",fill:C[m[2]]||"#555",opacity:.85,"class":"mark"});
  el("title",{},r).textContent=m[3];tipOn(r,m[3]);}
 for(const l of D.log){if(l[0]<t0||l[0]>t1)continue;const x=X(l[0]);
  const txt="["+(l[0]/1e6).toFixed(6)+"] "+l[3];
  const r=el("rect",{x:x-1,y:TOP+RH+3,width:2.5,height:14,fill:l[2]<=3?C.report:C.printk,"class":"printk"});
  el("title",{},r).textContent=txt;tipOn(r,txt);
  if(pidRow[l[1]]!==undefined){const y=TOP+(pidRow[l[1]]+extra)*RH;
   const m=el("line",{x1:x,y1:y+RH-5,x2:x,y2:y+RH,stroke:C.printk,"stroke-width":1.5,"class":"printk"});
   el("title",{},m).textContent=txt;tipOn(m,txt);}}
 for(const p of D.reports){const x=X(Math.min(Math.max(p[0],t0),t1));
  const txt=p[2]+": "+p[3];
  const r=el("rect",{x:x,y:TOP+3,width:Math.max(6,PW/150),height:14,fill:C.report,"class":"report"});
  el("title",{},r).textContent=txt;tipOn(r,txt);
  if(pidRow[p[1]]!==undefined)el("rect",{x:x,y:TOP+(pidRow[p[1]]+extra)*RH+1,width:3,height:RH-2,fill:C.report});}
}
svg.addEventListener("wheel",ev=>{ev.preventDefault();const r=svg.getBoundingClientRect();
 const W=svg.width.baseVal.value,PW=W-LW-10,f=Math.min(1,Math.max(0,(ev.clientX-r.left-LW)/PW));
 const at=t0+f*(t1-t0),k=ev.deltaY<0?0.8:1.25;let n0=at-(at-t0)*k,n1=at+(t1-at)*k;
 if(n1-n0>D.end){n0=0;n1=Math.max(D.end,1);}t0=Math.max(0,n0);t1=Math.max(t0+0.001,n1);draw();},{passive:false});
let drag=null;svg.addEventListener("mousedown",ev=>{drag=[ev.clientX,t0,t1];});
window.addEventListener("mouseup",()=>{drag=null;});
window.addEventListener("mousemove",ev=>{if(!drag)return;const PW=svg.width.baseVal.value-LW-10;
 const dt=(ev.clientX-drag[0])/PW*(drag[2]-drag[1]);t0=drag[1]-dt;t1=drag[2]-dt;draw();});
svg.addEventListener("dblclick",()=>{t0=0;t1=Math.max(D.end,1);draw();});
window.addEventListener("resize",draw);
draw();
document.body.setAttribute("data-drawn",String(D.slices.length));
})();
</script>
)PAGE";

}  // namespace

std::string timeline_html(const Tracer &t, uint64_t end_ns, const std::vector<TimelineLine> &log,
                          const std::vector<TimelineReport> &reports, const std::string &title)
{
    const TraceModel m = build_trace_model(t, end_ns);
    std::string page = kPage;
    const std::string marker = "KSHIM_DATA";
    page.replace(page.find(marker), marker.size(), data_of(m, log, reports, title));
    return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + json_escape(title) +
           "</title></head><body>\n" + page + "</body></html>\n";
}

}  // namespace kshim
