/// What makes a password too easy to guess, beyond its length: one made of spaces or of a few characters repeated
/// (`        `, `aaaaaaaa`, `12121212`), one of the most common ones, or one holding the username. Throttling counts the
/// wrong logins of each username, so a handful of common passwords tried on every account would otherwise go unseen.
enum PasswordStrength {
    /// At least this many different characters.
    static let minimumDistinctCharacters = 4

    /// Passwords of eight characters or more found first in every list of leaked ones, and their Italian kin.
    static let common: Set<String> = [
        "password", "password1", "password12", "password123", "passw0rd", "12345678", "123456789", "1234567890",
        "87654321", "qwertyui", "qwertyuiop", "qwerty123", "qwerty12", "asdfghjk", "asdfghjkl", "zxcvbnm1", "iloveyou",
        "abcdefgh", "abc12345", "abcd1234", "admin123", "administrator", "welcome1", "letmein1", "football", "princess",
        "sunshine", "11223344", "12341234", "benvenuto", "ciaociao", "amoremio", "juventus", "cambiami", "cambiare",
        "provaprova", "password2024", "password2025", "password2026",
    ]

    /// Why `password` is too easy to guess for `username`, in Italian (to follow "la password"), or nil.
    static func weakness(_ password: String, username: String) -> String? {
        if password.allSatisfy(\.isWhitespace) { return "non può essere fatta solo di spazi" }
        if Set(password).count < minimumDistinctCharacters {
            return "deve avere almeno \(minimumDistinctCharacters) caratteri diversi"
        }
        if common.contains(password.lowercased()) { return "è tra le più comuni: ne scelga una meno prevedibile" }
        let user = username.trimmingCharacters(in: .whitespaces).lowercased()
        if !user.isEmpty, password.lowercased().contains(user) { return "non deve contenere il nome utente" }
        return nil
    }
}
