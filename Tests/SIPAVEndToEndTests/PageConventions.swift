import Foundation

/// What axe-core does not check and every page of the application keeps: Italian as the page's language, a first link
/// that skips the menu to the main content, an outline for the keyboard's focus, and each error of a form tied to its
/// field (the field `aria-invalid` and described by the error, which a screen reader then reads with the field).
enum PageConventions {
    /// Runs in the page; returns what is missing, one sentence each.
    static let script = """
        var problems = [];
        var language = document.documentElement.getAttribute('lang');
        if (language !== 'it') { problems.push('the page is in "' + language + '", not "it"'); }
        var main = document.querySelector('main');
        if (!main) { problems.push('the page has no main landmark'); }
        if (document.querySelector('nav')) {
          var skip = document.querySelector('body > a.skip-link:first-child');
          if (!skip || !main || !main.id || skip.getAttribute('href') !== '#' + main.id) {
            problems.push('no first link skips the menu to the main content');
          }
        }
        var focusShown = Array.prototype.some.call(document.styleSheets, function (sheet) {
          return Array.prototype.some.call(sheet.cssRules, function (rule) {
            // The whole text of the declarations: a shorthand holding a var() leaves its longhands empty in the CSSOM.
            return rule.selectorText === ':focus-visible' && /\\bsolid\\b/.test(rule.style.cssText);
          });
        });
        if (!focusShown) { problems.push('the style sheet draws no outline for :focus-visible'); }
        document.querySelectorAll('[aria-invalid="true"]').forEach(function (field) {
          var ids = (field.getAttribute('aria-describedby') || '').split(/\\s+/).filter(Boolean);
          var described = ids.some(function (id) {
            var text = document.getElementById(id);
            return text && text.textContent.trim() !== '';
          });
          if (!described) { problems.push('the field ' + (field.id || field.name) + ' is invalid but no error describes it'); }
        });
        document.querySelectorAll('.field-error').forEach(function (error) {
          if (error.getAttribute('role') === 'alert') { return; }
          if (!error.id || !document.querySelector('[aria-describedby~="' + error.id + '"]')) {
            problems.push('the error "' + error.textContent.trim() + '" describes no field');
          }
        });
        return problems;
        """

    /// The page shown now's problems, as violations of a rule of this test's own.
    static func violations(in browser: WebDriver) throws -> [AxeViolation] {
        let problems = try browser.execute(script) as? [String] ?? []
        return problems.map { AxeViolation(rule: "sipav-page-conventions", impact: "serious", help: $0, nodes: []) }
    }
}
