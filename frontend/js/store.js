// The signed-in user and the session's CSRF token; views listen for "change".

const CSRF_KEY = 'touchbase.csrf';

class Store extends EventTarget {
  user = null;
  csrf = localStorage.getItem(CSRF_KEY);

  signIn({ user, csrf_token: csrf }) {
    this.csrf = csrf;
    localStorage.setItem(CSRF_KEY, csrf);
    this.setUser(user);
  }

  setUser(user) {
    this.user = user;
    this.dispatchEvent(new Event('change'));
  }

  signOut() {
    this.user = null;
    this.csrf = null;
    localStorage.removeItem(CSRF_KEY);
    this.dispatchEvent(new Event('change'));
  }
}

export const store = new Store();
