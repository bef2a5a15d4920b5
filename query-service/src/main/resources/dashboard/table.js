// A result table shown a page at a time, so a large answer never turns into thousands of DOM rows.
import { cell } from './views.js';

export const PAGE_SIZE = 25;

export class PagedTable {
  constructor(container, columns) {
    this.columns = columns;
    this.rows = [];
    this.page = 0;
    container.innerHTML = `<div class="table-wrap"><table><thead><tr></tr></thead><tbody></tbody></table></div>
      <div class="pager"><button type="button" class="prev">‹ previous</button>
      <span class="range"></span><button type="button" class="next">next ›</button></div>`;
    this.body = container.querySelector('tbody');
    this.range = container.querySelector('.range');
    this.prev = container.querySelector('.prev');
    this.next = container.querySelector('.next');
    const head = container.querySelector('thead tr');
    for (const [field] of columns) head.appendChild(Object.assign(document.createElement('th'), { textContent: field }));
    this.prev.disabled = this.next.disabled = true; // nothing asked yet
    this.prev.addEventListener('click', () => this.show(this.page - 1));
    this.next.addEventListener('click', () => this.show(this.page + 1));
  }

  /** Replaces the rows, staying on the current page when it still exists. */
  set(rows) {
    this.rows = rows;
    this.show(this.page);
  }

  show(page) {
    const pages = Math.max(1, Math.ceil(this.rows.length / PAGE_SIZE));
    this.page = Math.min(Math.max(0, page), pages - 1);
    const first = this.page * PAGE_SIZE;
    const shown = this.rows.slice(first, first + PAGE_SIZE);
    this.body.replaceChildren(...shown.map(row => {
      const tr = document.createElement('tr');
      for (const column of this.columns) tr.appendChild(Object.assign(document.createElement('td'), { textContent: cell(row, column) }));
      return tr;
    }));
    this.range.textContent = this.rows.length ? `${first + 1}–${first + shown.length} of ${this.rows.length}` : 'no results';
    this.prev.disabled = this.page === 0;
    this.next.disabled = this.page >= pages - 1;
  }
}
