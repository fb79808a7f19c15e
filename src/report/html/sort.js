// Click a column heading to sort its table; click again to reverse.
document.querySelectorAll("table.sortable th").forEach(function (th) {
  th.tabIndex = 0;
  th.title = "Sort by this column";
  function sort() {
    var body = th.closest("table").tBodies[0];
    var down = th.getAttribute("aria-sort") !== "ascending";
    th.closest("tr").querySelectorAll("th").forEach(function (o) { o.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", down ? "ascending" : "descending");
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[th.cellIndex].getAttribute("data-sort") || a.cells[th.cellIndex].textContent;
      var y = b.cells[th.cellIndex].getAttribute("data-sort") || b.cells[th.cellIndex].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var order = !isNaN(nx) && !isNaN(ny) ? nx - ny : x.localeCompare(y);
      return down ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  th.addEventListener("click", sort);
  th.addEventListener("keydown", function (e) { if (e.key === "Enter") { sort(); } });
});
