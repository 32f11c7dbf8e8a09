// The web inbox's templates, compiled into the binary so the gateway serves its pages with no
// files beside it and nothing fetched from elsewhere. Text is Indonesian; the CSS is inline
// and small (every page stays far below 150 KB) and lays out at 360 px wide.
#include <map>
#include <string>

#include "gateway/http/web/render.h"

namespace aduan::gateway::web {
namespace {

constexpr const char* kLayout = R"(<!doctype html>
<html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{{title}} · aduan</title>
<style>
body{font:16px/1.45 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f6f6f4}
header{background:#14532d;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
header a{color:#fff}header .me{margin-left:auto}
main{padding:1rem;max-width:70rem;margin:auto}
h1{font-size:1.4rem}h2{font-size:1.15rem;margin-top:1.5rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.4rem;border-bottom:1px solid #ccc;vertical-align:top}
.badge{display:inline-block;padding:0 .4rem;border-radius:.3rem;font-size:.85rem;background:#e5e7eb;color:#111}
.urgent,.overdue{background:#991b1b;color:#fff}.conf{background:#1e3a8a;color:#fff}
.box{background:#fff;border:1px solid #ccc;padding:.75rem;margin:.5rem 0;overflow-wrap:anywhere}
.flash{background:#fef3c7;border:1px solid #92400e;padding:.5rem}
.error{background:#fee2e2;border:1px solid #991b1b;padding:.5rem}
label{display:block;margin:.4rem 0 .1rem}
input,select,textarea,button{font:inherit;max-width:100%}
textarea{width:100%;box-sizing:border-box}
button{background:#14532d;color:#fff;border:0;padding:.4rem .8rem;border-radius:.3rem;cursor:pointer}
form.inline{display:inline}
.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end}
.actions{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:.75rem}
@media (max-width:40rem){table.queue thead{display:none}table.queue td{display:block;border:0}
table.queue tr{display:block;border-bottom:1px solid #999;padding:.3rem 0}}
</style></head><body>
<header><strong>aduan</strong>{{#me}}<a href="/inbox">Kotak masuk</a>
{{#operator}}<a href="/inbox/operator">Dasbor operator</a>{{/operator}}
<span class="me">{{name}} ({{role_label}})</span>
<form class="inline" method="post" action="/inbox/logout"><input type="hidden" name="csrf" value="{{csrf}}"><button>Keluar</button></form>{{/me}}
</header>
<main>{{{body}}}</main>
<script>
// Only a nicety: ask before actions that send a ticket away. Every form works without it.
document.querySelectorAll('form[data-confirm]').forEach(function(f){f.addEventListener('submit',function(e){if(!confirm(f.dataset.confirm))e.preventDefault();});});
</script>
</body></html>
)";

constexpr const char* kLogin = R"(<h1>Masuk</h1>
{{#error}}<p class="error" id="error">{{error}}</p>{{/error}}
<form method="post" action="/inbox/login" class="box">
<input type="hidden" name="csrf" value="{{csrf}}">
<label for="username">Nama pengguna</label><input id="username" name="username" autocomplete="username" value="{{username}}" required>
<label for="password">Kata sandi</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<p><button id="login">Masuk</button></p>
</form>
)";

constexpr const char* kMessage = R"(<h1>{{heading}}</h1>
<p class="error" id="error">{{message}}</p>
<p><a href="{{back}}">Kembali</a></p>
)";

constexpr const char* kInbox = R"(<h1>Kotak masuk {{agency_name}}</h1>
{{#flash}}<p class="flash" id="flash">{{flash}}</p>{{/flash}}
<form method="get" action="/inbox" class="filters box">
<div><label for="f-status">Status</label><select id="f-status" name="status">
{{#statuses}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/statuses}}</select></div>
<div><label for="f-sla">Tenggat</label><select id="f-sla" name="sla">
{{#sla_states}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/sla_states}}</select></div>
<div><label for="f-mal">Maladministrasi</label><select id="f-mal" name="mal">
{{#mal_types}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/mal_types}}</select></div>
<div><label for="f-topic">Topik</label><select id="f-topic" name="topic">
{{#topics}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/topics}}</select></div>
{{#operator}}<div><label for="f-agency">Instansi</label><select id="f-agency" name="agency">
{{#agencies}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/agencies}}</select></div>{{/operator}}
<div><label><input type="checkbox" name="urgent" value="1"{{#urgent_only}} checked{{/urgent_only}}> Hanya mendesak</label></div>
<div><label for="f-q">Cari nomor atau kata</label><input id="f-q" name="q" value="{{q}}"></div>
<div><button id="filter">Saring</button></div>
</form>
<p>{{count}} tiket. {{#export_url}}<a href="{{export_url}}">Unduh CSV</a>{{/export_url}}</p>
<table class="queue"><thead><tr><th>Nomor</th><th>Status</th><th>Umur</th><th>Tenggat</th><th>Topik / tempat</th><th>Tanda</th></tr></thead>
<tbody>
{{#tickets}}<tr class="ticket-row" data-id="{{id}}">
<td><a href="/inbox/tickets/{{id}}">{{id}}</a></td>
<td>{{status_label}}</td><td>{{age}}</td><td>{{due}}</td>
<td>{{topic}}{{#place}}<br><small>{{place}}</small>{{/place}}<br><small>{{excerpt}}</small></td>
<td>{{#urgent}}<span class="badge urgent">mendesak</span> {{/urgent}}{{#overdue}}<span class="badge overdue">terlambat</span> {{/overdue}}{{#anonymous}}<span class="badge conf">anonim</span> {{/anonymous}}{{#secret}}<span class="badge conf">rahasia</span> {{/secret}}{{#residents}}<span class="badge">{{residents}} warga melapor</span>{{/residents}}</td>
</tr>{{/tickets}}
{{^tickets}}<tr><td colspan="6">Tidak ada tiket.</td></tr>{{/tickets}}
</tbody></table>
)";

constexpr const char* kTicket = R"(<p><a href="/inbox">&larr; Kotak masuk</a></p>
<h1 id="ticket-id">{{t.id}}</h1>
{{#flash}}<p class="flash" id="flash">{{flash}}</p>{{/flash}}
{{#error}}<p class="error" id="error">{{error}}</p>{{/error}}
<p><span class="badge" id="status">{{status_label}}</span> {{agency_name}}
{{#t.urgent}}<span class="badge urgent">mendesak</span>{{/t.urgent}}
{{#overdue}}<span class="badge overdue">terlambat</span>{{/overdue}}
{{#t.privacy.anonymous}}<span class="badge conf">anonim</span>{{/t.privacy.anonymous}}
{{#t.privacy.secret}}<span class="badge conf">rahasia</span>{{/t.privacy.secret}}
{{#t.reported_by_residents}}<span class="badge">{{t.reported_by_residents}} warga melapor</span>{{/t.reported_by_residents}}</p>
<div class="box" id="complaint">{{t.text}}</div>
<table><tbody>
<tr><th>Pelapor</th><td id="reporter">{{reporter}}</td></tr>
{{#relayed}}<tr><th>Diteruskan kader</th><td>{{relayed}}</td></tr>{{/relayed}}
<tr><th>Kanal</th><td>{{t.channel}}</td></tr>
<tr><th>Masuk</th><td>{{t.created_at}}</td></tr>
<tr><th>Tenggat</th><td>{{due}}</td></tr>
{{#place}}<tr><th>Tempat</th><td>{{place}}</td></tr>{{/place}}
{{#topic}}<tr><th>Topik</th><td>{{topic}}</td></tr>{{/topic}}
<tr><th>Maladministrasi</th><td>{{mal}}</td></tr>
{{#t.linked_to}}<tr><th>Laporan pertama</th><td><a href="/inbox/tickets/{{t.linked_to}}">{{t.linked_to}}</a></td></tr>{{/t.linked_to}}
</tbody></table>
{{#has_media}}<h2>Foto dan dokumen</h2><ul id="media">{{#media}}<li>{{#url}}<a href="{{url}}" target="_blank" rel="noopener">{{label}}</a>{{/url}}{{^url}}{{label}}{{/url}}</li>{{/media}}</ul>{{/has_media}}
<h2>Riwayat</h2>
<ol id="timeline">{{#events}}<li><small>{{at}} · {{actor}}</small> <strong>{{label}}</strong>{{#change}} ({{change}}){{/change}}
{{#note}}<div class="box">{{note}}</div>{{/note}}{{#internal_note}}<div class="box"><small>catatan internal:</small> {{internal_note}}</div>{{/internal_note}}</li>{{/events}}</ol>
<h2>Mengapa instansi ini</h2>
<ul id="explanation">{{#matched}}<li>{{target}}: {{rule}} ({{weight}})</li>{{/matched}}{{^matched}}<li>tidak ada aturan yang cocok</li>{{/matched}}</ul>
{{#can_act}}<h2>Tindakan</h2>
<div class="actions">
{{#can_ack}}<form method="post" action="/inbox/tickets/{{t.id}}/acknowledge" class="box" id="form-ack">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}">
<p>Terima dan mulai tangani. Warga diberi tahu.</p><button>Terima</button></form>{{/can_ack}}
<form method="post" action="/inbox/tickets/{{t.id}}/status" class="box" id="form-status">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}">
<label for="status-select">Ubah status</label><select id="status-select" name="status">
<option value="in_progress">Sedang diproses</option><option value="resolved">Selesai</option><option value="rejected">Ditolak</option></select>
<label for="status-note">Catatan untuk warga</label><textarea id="status-note" name="note" rows="3"></textarea>
<button id="status-submit">Simpan status</button></form>
<form method="post" action="/inbox/tickets/{{t.id}}/reply" class="box" id="form-reply">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}">
<label for="reply-note">Balas warga</label><textarea id="reply-note" name="note" rows="3" required></textarea>
<button>Kirim balasan</button></form>
{{#clerk}}<form method="post" action="/inbox/tickets/{{t.id}}/not_our_authority" class="box" id="form-noa" data-confirm="Kembalikan tiket ini ke meja triase?">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}">
<label for="noa-note">Bukan wewenang kami, karena</label><textarea id="noa-note" name="note" rows="2" required></textarea>
<button>Kembalikan</button></form>{{/clerk}}
<form method="post" action="/inbox/tickets/{{t.id}}/reroute" class="box" id="form-reroute" data-confirm="Alihkan tiket ini ke instansi lain?">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}">
<label for="reroute-agency">Alihkan ke</label><select id="reroute-agency" name="agency">{{#agencies}}<option value="{{value}}">{{label}}</option>{{/agencies}}</select>
<label for="reroute-note">Catatan internal</label><textarea id="reroute-note" name="note" rows="2"></textarea>
<button>Alihkan</button></form>
</div>{{/can_act}}
)";

constexpr const char* kOperator = R"(<h1>Dasbor operator</h1>
{{#flash}}<p class="flash" id="flash">{{flash}}</p>{{/flash}}
{{#error}}<p class="error" id="error">{{error}}</p>{{/error}}
<h2>Meja triase ({{triage_count}})</h2>
<table class="queue" id="triage"><thead><tr><th>Nomor</th><th>Aduan</th><th>Calon instansi</th><th>Arahkan</th></tr></thead><tbody>
{{#triage}}<tr class="triage-row" data-id="{{id}}"><td><a href="/inbox/tickets/{{id}}">{{id}}</a><br><small>{{age}}</small></td>
<td>{{excerpt}}{{#returned}}<br><small>dikembalikan: {{returned}}</small>{{/returned}}</td>
<td>{{#candidates}}{{label}} ({{score}})<br>{{/candidates}}{{^candidates}}-{{/candidates}}</td>
<td><form method="post" action="/inbox/tickets/{{id}}/reroute" class="route-form">
<input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="version" value="{{version}}"><input type="hidden" name="back" value="operator">
<select name="agency" aria-label="Instansi tujuan">{{#options}}<option value="{{value}}"{{#selected}} selected{{/selected}}>{{label}}</option>{{/options}}</select>
<button>Arahkan</button></form></td></tr>{{/triage}}
{{^triage}}<tr><td colspan="4">Meja triase kosong.</td></tr>{{/triage}}
</tbody></table>
<h2>Kepatuhan per instansi</h2>
<table id="compliance"><thead><tr><th>Instansi</th><th>Terbuka</th><th>Terlambat</th><th>Selesai</th><th>Median respons pertama</th><th>Respons tepat waktu</th></tr></thead><tbody>
{{#agencies}}<tr><td>{{name}}</td><td>{{open}}</td><td>{{overdue}}</td><td>{{resolved}}</td><td>{{median_first_response}}</td><td>{{within_sla}}</td></tr>{{/agencies}}
</tbody></table>
<h2>Volume harian per instansi (14 hari)</h2>
<div class="box">{{{volume_svg}}}</div>
<h2>Jenis maladministrasi</h2>
<div class="box">{{{mal_svg}}}</div>
<h2>Kader</h2>
<table id="cadres"><thead><tr><th>Kader</th><th>Wilayah</th><th>Tiket diteruskan</th></tr></thead><tbody>
{{#cadres}}<tr><td>{{name}}</td><td>{{area}}</td><td>{{tickets}}</td></tr>{{/cadres}}
{{^cadres}}<tr><td colspan="3">Belum ada kader.</td></tr>{{/cadres}}
</tbody></table>
)";

}  // namespace

const char* TemplateSource(const std::string& name) {
  static const std::map<std::string, const char*> kTemplates = {
      {"layout", kLayout}, {"login", kLogin},   {"message", kMessage},
      {"inbox", kInbox},   {"ticket", kTicket}, {"operator", kOperator},
  };
  auto it = kTemplates.find(name);
  return it == kTemplates.end() ? nullptr : it->second;
}

}  // namespace aduan::gateway::web
