package org.sanctuary.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Layout measurements of the open page, taken in the browser: what makes a page wider than the
 * window, and what a stylesheet rule computes to.
 */
public final class Layout {
  /**
   * Lists, for the open page, the document when it is wider than the window, then each visible
   * element whose box reaches past the window's left or right edge (at most 15). An element inside
   * a box that scrolls or clips sideways is left out: that box is measured instead, so a wide table
   * in an {@code overflow-x: auto} wrapper that itself fits is fine.
   */
  private static final String STICKING_OUT = """
      const width = window.innerWidth;
      const found = [];
      const doc = document.documentElement.scrollWidth;
      if (doc > width) found.push('the page is ' + doc + 'px wide in a ' + width + 'px window');
      const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
          + (typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
      const path = e => { const p = []; for (let a = e; a && a !== document.body && p.length < 4; a = a.parentElement) p.unshift(name(a)); return p.join(' > '); };
      const clippedByAncestor = e => {
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== 'visible') return true;
        }
        return false;
      };
      for (const e of document.body.querySelectorAll('*')) {
        const r = e.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (r.left >= -1 && r.right <= width + 1) continue;
        if (e.closest('.visually-hidden, .skip-link') || clippedByAncestor(e)) continue;
        found.push(path(e) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right) + 'px');
        if (found.length >= 15) break;
      }
      return found;
      """;

  /**
   * Lists each box that scrolls sideways (computed {@code overflow-x} auto or scroll) and holds
   * more than it shows, e.g. a table whose last columns are hidden until one scrolls.
   */
  private static final String SCROLL_BOXES = """
      const found = [];
      for (const e of document.body.querySelectorAll('*')) {
        const o = getComputedStyle(e).overflowX;
        if ((o === 'auto' || o === 'scroll') && e.scrollWidth > e.clientWidth + 1) {
          found.push(e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().split(/\\s+/).join('.') : '')
              + ' holds ' + e.scrollWidth + 'px in ' + e.clientWidth + 'px');
        }
      }
      return found;
      """;

  private Layout() {}

  /** What reaches past the window's edges on the open page; empty when the page fits. */
  public static List<String> stickingOut(Browser b) {
    return strings(b.script(STICKING_OUT));
  }

  /** The boxes on the open page that hide part of what they hold until scrolled sideways. */
  public static List<String> scrollingBoxes(Browser b) {
    return strings(b.script(SCROLL_BOXES));
  }

  /** A computed style property of the first element matching {@code css}, e.g. "display". */
  public static String computed(Browser b, String css, String property) {
    b.find(css); // waits for it, and fails naming the selector when there is none
    return b.script("return getComputedStyle(document.querySelector('" + css.replace("'", "\\'")
        + "')).getPropertyValue('" + property + "')").asText();
  }

  /** The distinct top offsets of the elements matching {@code css}: one value means one row. */
  public static List<Long> tops(Browser b, String css) {
    JsonNode tops = b.script("return [...new Set([...document.querySelectorAll('" + css.replace("'", "\\'")
        + "')].map(e => Math.round(e.getBoundingClientRect().top)))]");
    List<Long> out = new ArrayList<>();
    tops.forEach(t -> out.add(t.asLong()));
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }
}
